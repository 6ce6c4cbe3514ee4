package io.secureconnect.auth.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP: the JDK's HMAC over the 30-second time step, and RFC 4226's dynamic truncation (the only part
 * written here). The service uses SHA-1 and 6 digits, what authenticator apps expect; the algorithm and digits are
 * parameters so RFC 6238's own test vectors (8 digits) check it.
 */
public final class TotpAlgorithm {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;

    private TotpAlgorithm() {
    }

    /** The time step an instant falls in (RFC 6238's T, with T0 = 0). */
    public static long stepOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP.toSeconds());
    }

    /** The 6-digit SHA-1 code of {@code secret} for {@code step}, zero padded. */
    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS, "HmacSHA1");
    }

    public static String code(byte[] secret, long step, int digits, String hmacAlgorithm) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(secret, hmacAlgorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmacAlgorithm + " is always available", e);
        }
    }
}
