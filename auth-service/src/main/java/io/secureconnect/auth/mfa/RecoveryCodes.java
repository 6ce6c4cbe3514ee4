package io.secureconnect.auth.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.secureconnect.auth.token.OpaqueTokens;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Recovery codes: 10 per set, each 50 random bits written as {@code xxxxx-xxxxx} in lower-case base32, shown once,
 * stored as SHA-256 (50 bits of randomness make a hash lookup safe without a slow hash) and good for one use.
 */
@Component
@Order(2)
class RecoveryCodes implements SecondFactor {

    static final String METHOD = "recovery";
    static final int SET_SIZE = 10;

    private final RecoveryCodeRepository codes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RecoveryCodes(RecoveryCodeRepository codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public boolean enabledFor(UUID userId) {
        return codes.unused(userId) > 0;
    }

    @Override
    public int countFor(UUID userId) {
        return codes.unused(userId);
    }

    @Override
    public boolean accepts(MfaAnswer answer) {
        return answer.passkey() == null && AnswerForms.isRecovery(answer.code());
    }

    @Override
    public boolean verify(UUID userId, MfaAnswer answer) {
        return codes.use(userId, hash(answer.code()), clock.instant());
    }

    @Override
    public void reset(UUID userId) {
        codes.deleteAll(userId);
    }

    @Override
    public List<String> amr() {
        return List.of("otp", "mfa");
    }

    /** A new set for the account, replacing every code it had; the only time the codes are seen. */
    List<String> newSet(UUID userId) {
        List<String> set = new ArrayList<>(SET_SIZE);
        List<byte[]> hashes = new ArrayList<>(SET_SIZE);
        for (int i = 0; i < SET_SIZE; i++) {
            byte[] bytes = new byte[7];
            random.nextBytes(bytes);
            String compact = Base32.encode(bytes).substring(0, 10).toLowerCase(Locale.ROOT); // 10 x 5 = 50 bits
            set.add(compact.substring(0, 5) + "-" + compact.substring(5));
            hashes.add(hash(compact));
        }
        codes.replace(userId, hashes, clock.instant());
        return set;
    }

    private static byte[] hash(String code) {
        return OpaqueTokens.hash(AnswerForms.recovery(code));
    }
}
