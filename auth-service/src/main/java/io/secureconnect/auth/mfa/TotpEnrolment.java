package io.secureconnect.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.login.PasswordConfirmation;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own TOTP: enrol (a new 160-bit secret, off until a first code confirms it), confirm (then 10 recovery
 * codes, shown once), new recovery codes and turning it off (both need the password and a code), and the status.
 */
@Service
class TotpEnrolment {

    static final String ISSUER = "SecureConnect";

    private final TotpRepository totp;
    private final RecoveryCodes recoveryCodes;
    private final SecretEncryption encryption;
    private final SecondFactors factors;
    private final MfaPolicy policy;
    private final MfaVerification verification;
    private final PasswordConfirmation passwords;
    private final UserRepository users;
    private final SecondFactorNotices notices;
    private final AuditLogger audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TotpEnrolment(TotpRepository totp, RecoveryCodes recoveryCodes, SecretEncryption encryption, SecondFactors factors,
                  MfaPolicy policy, MfaVerification verification, PasswordConfirmation passwords, UserRepository users,
                  SecondFactorNotices notices, AuditLogger audit, Clock clock) {
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.encryption = encryption;
        this.factors = factors;
        this.policy = policy;
        this.verification = verification;
        this.passwords = passwords;
        this.users = users;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    @Schema(name = "TotpEnrolment")
    record Enrolment(@Schema(description = "The secret in base32, for typing into an authenticator app",
                             example = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") String secret,
                     @Schema(description = "The same secret as an address for a QR code",
                             example = "otpauth://totp/SecureConnect:ann@example.com"
                                     + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=SecureConnect"
                                     + "&algorithm=SHA1&digits=6&period=30") String otpauthUri) {
    }

    @Schema(name = "SecondFactorStatus")
    record Status(@Schema(description = "TOTP is on", example = "true") boolean totp,
                  @Schema(description = "Unused recovery codes", example = "8") int recoveryCodesLeft,
                  @Schema(description = "Registered passkeys", example = "1") int passkeys,
                  @Schema(description = "Policy requires a second factor of this account", example = "false")
                  boolean required) {
    }

    @Schema(name = "RecoveryCodes")
    record RecoveryCodeSet(@Schema(description = "10 single-use codes, shown only this once",
                                   example = "[\"k3m7q-t2x7a\", \"p6v4d-w6n2c\", \"h5r2j-z7b3e\"]")
                           List<String> recoveryCodes) {
    }

    /**
     * Starts (or restarts) an enrolment. Only with a verified email, so someone who registered another person's
     * address cannot plant a second factor in that account before its owner claims it; and, when the account already
     * has a second factor (a passkey), only with the password, so a stolen session cannot add one of its own.
     */
    Enrolment start(UUID userId, String password, String clientAddress) {
        User user = user(userId);
        if (!user.emailVerified()) {
            audit.denied("mfa.totp_enrol", "user:" + userId, "email not verified");
            throw new ApiException(MfaErrorCode.MFA_EMAIL_UNVERIFIED,
                    "Verify your email address before turning on two-step sign-in.");
        }
        if (totp.isConfirmed(userId)) {
            audit.denied("mfa.totp_enrol", "user:" + userId, "TOTP already on");
            throw new ApiException(MfaErrorCode.MFA_ALREADY_ENABLED, "Two-step sign-in is already on.");
        }
        if (factors.anyFor(userId)) {
            if (password == null) {
                audit.denied("mfa.totp_enrol", "user:" + userId, "no password with a second factor in place");
                throw new ApiException(AuthErrorCode.AUTH_INVALID_CREDENTIALS,
                        "Confirm with your password: this account already has a second factor.");
            }
            passwords.confirm(user, password, "mfa.totp_enrol", clientAddress);
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        if (!totp.savePending(userId, encryption.encrypt(secret, TotpFactor.context(userId)), clock.instant())) {
            audit.denied("mfa.totp_enrol", "user:" + userId, "TOTP already on");
            throw new ApiException(MfaErrorCode.MFA_ALREADY_ENABLED, "Two-step sign-in is already on.");
        }
        String base32 = Base32.encode(secret);
        String label = URLEncoder.encode(ISSUER + ":" + user.email(), StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%3A", ":").replace("%40", "@");
        return new Enrolment(base32, "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=6&period=30");
    }

    @Transactional(noRollbackFor = ApiException.class) // a refusal's audit record stays
    RecoveryCodeSet confirm(UUID userId, String code) {
        if (!AnswerForms.isTotp(code)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "A code is 6 digits.");
        }
        TotpRepository.Row row = totp.find(userId).orElseThrow(() -> {
            audit.denied("mfa.totp_enable", "user:" + userId, "no enrolment started");
            return new ApiException(MfaErrorCode.MFA_NOT_STARTED, "Start the TOTP enrolment first.");
        });
        if (row.confirmed()) {
            audit.denied("mfa.totp_enable", "user:" + userId, "TOTP already on");
            throw new ApiException(MfaErrorCode.MFA_ALREADY_ENABLED, "Two-step sign-in is already on.");
        }
        Instant now = clock.instant();
        OptionalLong step = TotpFactor.matchingStep(encryption.decrypt(row.secretCiphertext(),
                TotpFactor.context(userId)), code, now);
        if (step.isEmpty() || !totp.useStep(userId, step.getAsLong(), true, now)) {
            audit.denied("mfa.totp_enable", "user:" + userId, "wrong code");
            throw new ApiException(MfaErrorCode.MFA_CODE_INVALID, "The code is wrong. Check the time on your device.");
        }
        List<String> codes = recoveryCodes.newSet(userId);
        notices.added(userId, SecondFactorNotices.Factor.TOTP_ADDED);
        audit.record(AuditEvent.of("mfa.totp_enable", AuditResult.SUCCESS).user(userId).resource("user:" + userId));
        return new RecoveryCodeSet(codes);
    }

    Status status(UUID userId) {
        User user = user(userId);
        return new Status(totp.isConfirmed(userId), factors.countFor(userId, RecoveryCodes.METHOD),
                factors.countFor(userId, "passkey"), policy.requiredFor(user));
    }

    @Transactional(noRollbackFor = ApiException.class) // a wrong code must stay counted
    RecoveryCodeSet newRecoveryCodes(UUID userId, String password, String code, String clientAddress) {
        User user = user(userId);
        passwords.confirm(user, password, "mfa.recovery_codes", clientAddress);
        requireTotp(userId, "mfa.recovery_codes");
        verification.proveCode(userId, code);
        List<String> codes = recoveryCodes.newSet(userId);
        audit.record(AuditEvent.of("mfa.recovery_codes", AuditResult.SUCCESS).user(userId).resource("user:" + userId));
        return new RecoveryCodeSet(codes);
    }

    @Transactional(noRollbackFor = ApiException.class)
    void disable(UUID userId, String password, String code, String clientAddress) {
        User user = user(userId);
        passwords.confirm(user, password, "mfa.totp_disable", clientAddress);
        requireTotp(userId, "mfa.totp_disable");
        verification.proveCode(userId, code);
        totp.delete(userId);
        recoveryCodes.reset(userId);
        audit.record(AuditEvent.of("mfa.totp_disable", AuditResult.SUCCESS).user(userId).resource("user:" + userId));
    }

    private void requireTotp(UUID userId, String action) {
        if (!totp.isConfirmed(userId)) {
            audit.denied(action, "user:" + userId, "TOTP not on");
            throw new ApiException(MfaErrorCode.MFA_NOT_ENABLED, "Two-step sign-in with a code is not on.");
        }
    }

    private User user(UUID userId) {
        return users.findById(userId).orElseThrow(() -> new ApiException(CommonErrorCode.UNAUTHENTICATED,
                "The account no longer exists."));
    }
}
