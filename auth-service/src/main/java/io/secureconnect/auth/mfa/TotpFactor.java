package io.secureconnect.auth.mfa;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * TOTP as a second factor: a 6-digit code of the current time step or one either side (clocks drift), each accepted
 * once: a code whose step, or a later one, was already accepted is refused as replayed.
 */
@Component
@Order(1)
class TotpFactor implements SecondFactor {

    static final String METHOD = "totp";

    private final TotpRepository totp;
    private final SecretEncryption encryption;
    private final Clock clock;

    TotpFactor(TotpRepository totp, SecretEncryption encryption, Clock clock) {
        this.totp = totp;
        this.encryption = encryption;
        this.clock = clock;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public boolean enabledFor(UUID userId) {
        return totp.isConfirmed(userId);
    }

    @Override
    public boolean accepts(MfaAnswer answer) {
        return answer.passkey() == null && AnswerForms.isTotp(answer.code());
    }

    @Override
    public boolean verify(UUID userId, MfaAnswer answer) {
        TotpRepository.Row row = totp.find(userId).filter(TotpRepository.Row::confirmed).orElse(null);
        if (row == null) {
            return false;
        }
        Instant now = clock.instant();
        OptionalLong step = matchingStep(secretOf(userId, row), answer.code(), now);
        if (step.isEmpty()) {
            return false;
        }
        boolean used = row.lastUsedStep() != null && step.getAsLong() <= row.lastUsedStep();
        if (used || !totp.useStep(userId, step.getAsLong(), false, now)) {
            throw new ApiException(MfaErrorCode.MFA_CODE_REPLAYED, "This code was already used. Wait for the next one.");
        }
        return true;
    }

    @Override
    public void reset(UUID userId) {
        totp.delete(userId);
    }

    @Override
    public List<String> amr() {
        return List.of("otp", "mfa");
    }

    byte[] secretOf(UUID userId, TotpRepository.Row row) {
        return encryption.decrypt(row.secretCiphertext(), context(userId));
    }

    static String context(UUID userId) {
        return "totp:" + userId;
    }

    /** The step within ±1 of now whose code is {@code code}, compared in constant time. */
    static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        long current = TotpAlgorithm.stepOf(now);
        byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
        OptionalLong match = OptionalLong.empty();
        for (long step = current - 1; step <= current + 1; step++) {
            byte[] expected = TotpAlgorithm.code(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, typed) && match.isEmpty()) {
                match = OptionalLong.of(step);
            }
        }
        return match;
    }
}
