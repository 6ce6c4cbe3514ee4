package io.secureconnect.testsupport.totp;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an authenticator app does, for tests that sign in with a second factor: RFC 6238 codes (SHA-1, 6 digits,
 * 30-second steps) of a base32 secret from an enrolment's {@code secret} or {@code otpauthUri}. A test that signs in
 * more than once holds a {@link Device}, which never repeats a time step (the service refuses a replayed code).
 */
public final class TotpCodes {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private TotpCodes() {
    }

    /** The code of {@code base32Secret} at {@code instant} (pass the service's clock when a test moves it). */
    public static String at(String base32Secret, Instant instant) {
        return ofStep(base32Secret, Math.floorDiv(instant.getEpochSecond(), 30));
    }

    public static String ofStep(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code secret} parameter of an {@code otpauth://totp/...} URI. */
    public static String secretOf(String otpauthUri) {
        for (String parameter : URI.create(otpauthUri).getRawQuery().split("&")) {
            if (parameter.startsWith("secret=")) {
                return parameter.substring("secret=".length());
            }
        }
        throw new IllegalArgumentException("no secret in " + otpauthUri);
    }

    static byte[] decode(String base32) {
        String clean = base32.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }

    /**
     * An authenticator holding one secret: each {@link #nextCode} is of a time step after the last one it gave: the
     * current step, else the next one (the service accepts one step either side; never the previous step, which a
     * step boundary passing on the way to the service would push out of the window).
     */
    public static final class Device {

        private final String secret;
        private long lastStep = Long.MIN_VALUE;

        public Device(String base32Secret) {
            this.secret = base32Secret;
        }

        public String secret() {
            return secret;
        }

        /** A code the service has not seen yet at {@code now}; throws when the current and next steps are used. */
        public synchronized String nextCode(Instant now) {
            long current = Math.floorDiv(now.getEpochSecond(), 30);
            long step = Math.max(current, lastStep + 1);
            if (step > current + 1) {
                throw new IllegalStateException("the codes of this step and the next are used: move the clock or wait");
            }
            lastStep = step;
            return ofStep(secret, step);
        }

        public String nextCode() {
            return nextCode(Instant.now());
        }
    }
}
