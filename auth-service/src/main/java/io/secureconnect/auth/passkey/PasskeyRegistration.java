package io.secureconnect.auth.passkey;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.webauthn4j.util.exception.WebAuthnException;

import io.secureconnect.auth.login.PasswordConfirmation;
import io.secureconnect.auth.mfa.SecondFactorNotices;
import io.secureconnect.auth.passkey.PasskeyChallenges.Purpose;
import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Service;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.JsonNode;

/**
 * Adding a passkey to one's account: the creation options with a stored challenge, then the browser's attestation,
 * checked by the relying party (challenge, origin, relying-party id, user presence, an accepted algorithm) before the
 * credential is kept under the name its owner chose. Starting asks for more than the access token, which could be a
 * stolen one that must not become a lasting passwordless credential: the account's password (under the login lockout),
 * or, for an account without one (made by single sign-on), a session opened in the last {@link #RECENT_SIGN_IN}; and a
 * verified email, so whoever registered someone else's address cannot plant a passkey on it.
 */
@Service
class PasskeyRegistration {

    /** What the browser needs to create a passkey, and the id it sends back with the result. */
    @Schema(name = "PasskeyRegistrationOptions")
    record Started(@Schema(description = "Send it back with the browser's result",
                           example = "9b2e7c41-0d3a-4f6e-8c15-6a4f2e9d1b70") UUID registrationId,
                   @Schema(implementation = Object.class, types = "object",
                           description = "`PublicKeyCredentialCreationOptions` JSON for"
                                   + " `PublicKeyCredential.parseCreationOptionsFromJSON`",
                           example = CREATION_OPTIONS_EXAMPLE) JsonNode publicKey) {
    }

    /** Creation options as the browser gets them (shortened values), for the API description. */
    static final String CREATION_OPTIONS_EXAMPLE = "{\"rp\":{\"id\":\"chat.example.com\",\"name\":\"SecureConnect\"},"
            + "\"user\":{\"id\":\"7Vb0cG3kR1qYx2nA5sD8fw\",\"name\":\"ann@example.com\",\"displayName\":\"Ann\"},"
            + "\"challenge\":\"Xq3vB8n2Lk0pRt5yWc7aZgH1mD4sF6jK9lP2oI8uY0t\","
            + "\"pubKeyCredParams\":[{\"type\":\"public-key\",\"alg\":-7},{\"type\":\"public-key\",\"alg\":-8},"
            + "{\"type\":\"public-key\",\"alg\":-257}],\"timeout\":300000,\"excludeCredentials\":[],"
            + "\"authenticatorSelection\":{\"residentKey\":\"required\",\"userVerification\":\"preferred\"},"
            + "\"attestation\":\"none\",\"extensions\":{\"credProps\":true}}";

    static final Duration RECENT_SIGN_IN = Duration.ofMinutes(10);
    private static final String ACTION = "auth.passkey.register";

    private final RelyingParty rp;
    private final WebAuthnRelyingPartyOperations operations;
    private final PasskeyChallenges challenges;
    private final PasskeyRepository passkeys;
    private final UserRepository users;
    private final AuditLogger audit;
    private final PasswordConfirmation passwords;
    private final Sessions sessions;
    private final Clock clock;
    private final SecondFactorNotices notices;

    PasskeyRegistration(RelyingParty rp, WebAuthnRelyingPartyOperations operations, PasskeyChallenges challenges,
                        PasskeyRepository passkeys, UserRepository users, AuditLogger audit,
                        PasswordConfirmation passwords, Sessions sessions, Clock clock,
                        SecondFactorNotices notices) {
        this.notices = notices;
        this.passwords = passwords;
        this.sessions = sessions;
        this.clock = clock;
        this.rp = rp;
        this.operations = operations;
        this.challenges = challenges;
        this.passkeys = passkeys;
        this.users = users;
        this.audit = audit;
    }

    /** {@code password} may be null for an account without one; {@code sessionId} is the caller's token's session. */
    Started start(UUID userId, UUID sessionId, String password, String clientAddress) {
        User user = account(userId);
        requireVerifiedEmail(user);
        if (user.hasPassword()) {
            passwords.confirm(user, password == null ? "" : password, ACTION, clientAddress);
        } else if (sessions.openedAt(sessionId, userId)
                .filter(opened -> opened.isAfter(clock.instant().minus(RECENT_SIGN_IN))).isEmpty()) {
            audit.denied(ACTION, "user:" + userId, "no password and no sign-in in the last " + RECENT_SIGN_IN);
            throw new ApiException(PasskeyErrorCode.PASSKEY_REAUTHENTICATE, "Sign in again, then add the passkey.");
        }
        PasskeyChallenges.Issued issued = challenges.issue(Purpose.REGISTRATION, userId);
        PublicKeyCredentialCreationOptions options = PasskeyOptions.creation(rp, user, issued.challenge(),
                passkeys.findRecordsByUser(userId));
        return new Started(issued.id(), PasskeyJson.options(options));
    }

    Passkey finish(UUID userId, String registrationId, String name, JsonNode credentialJson) {
        User user = account(userId);
        requireVerifiedEmail(user);
        PublicKeyCredential<AuthenticatorAttestationResponse> credential = PasskeyJson.attestation(credentialJson);
        PasskeyChallenges.Taken taken = challenges.take(Purpose.REGISTRATION, registrationId)
                .filter(challenge -> userId.equals(challenge.userId()))
                .orElseThrow(() -> refused(userId, "unknown, used or expired registration"));
        PublicKeyCredentialCreationOptions options = PasskeyOptions.creation(rp, user, taken.challenge(),
                passkeys.findRecordsByUser(userId));
        try {
            operations.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                    new RelyingPartyPublicKey(credential, name)));
        } catch (WebAuthnException | IllegalArgumentException | DuplicateKeyException e) {
            // the library's words name what failed (origin, challenge, an already registered credential), no secret
            throw refused(userId, "attestation refused: " + e.getClass().getSimpleName());
        }
        Passkey added = passkeys.findPasskey(credential.getRawId().getBytes()).orElseThrow();
        audit.record(AuditEvent.of(ACTION, AuditResult.SUCCESS).user(userId)
                .resource("passkey:" + added.id()));
        notices.added(userId, SecondFactorNotices.Factor.PASSKEY_ADDED); // one planted by someone else is noticed
        return added;
    }

    private User account(UUID userId) {
        return users.findById(userId)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "This account no longer exists."));
    }

    private void requireVerifiedEmail(User user) {
        if (!user.emailVerified()) {
            audit.denied(ACTION, "user:" + user.id(), "email not verified");
            throw new ApiException(PasskeyErrorCode.PASSKEY_EMAIL_UNVERIFIED,
                    "Verify your email address before adding a passkey.");
        }
    }

    private ApiException refused(UUID userId, String reason) {
        audit.record(AuditEvent.of(ACTION, AuditResult.DENIED).user(userId).resource("passkey")
                .reason(reason));
        return new ApiException(PasskeyErrorCode.PASSKEY_INVALID_REQUEST,
                "The passkey could not be added; start again.");
    }
}
