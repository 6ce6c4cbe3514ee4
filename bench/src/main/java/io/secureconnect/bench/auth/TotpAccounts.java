package io.secureconnect.bench.auth;

import io.secureconnect.bench.auth.AuthClient.Credentials;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The accounts of the "login + TOTP" phase, each with its authenticator. auth-service accepts each TOTP time step of
 * an account once (a replayed code is refused), so one account signs in about once per 30-second step: the phase
 * takes its accounts in turn from a pool of {@link #poolSize} accounts, enough that none is asked twice in a step.
 * The codes are RFC 6238's (SHA-1, 6 digits, 30 s) from the JDK's HMAC, as an authenticator app computes them.
 */
final class TotpAccounts {

    static final long STEP_SECONDS = 30;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** An enrolled account: its credentials, TOTP secret, a token of its setup login, the last step it used. */
    record Account(Credentials credentials, byte[] secret, String accessToken, AtomicLong lastStep) {

        Account(Credentials credentials, byte[] secret, String accessToken) {
            this(credentials, secret, accessToken, new AtomicLong(Long.MIN_VALUE));
        }

        /** A code of a step this account has not used: the current one, else the next (the service allows ±1). */
        String nextCode() {
            long current = Math.floorDiv(Instant.now().getEpochSecond(), STEP_SECONDS);
            while (true) {
                long last = lastStep.get();
                long step = Math.max(current, last + 1);
                if (step > current + 1) {
                    throw new IllegalStateException("no unused TOTP step for " + credentials.email()
                            + ": the account pool is too small for the rate");
                }
                if (lastStep.compareAndSet(last, step)) {
                    return code(secret, step);
                }
            }
        }
    }

    private final List<Account> accounts;
    private final AtomicInteger next = new AtomicInteger();

    TotpAccounts(List<Account> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    /** The accounts a phase at {@code rate} logins/s needs: one per login of a step and a margin, at most one per login. */
    static int poolSize(double rate, long phaseSeconds) {
        long perStep = (long) Math.ceil(rate * (STEP_SECONDS + 1));
        long logins = (long) Math.ceil(rate * phaseSeconds) + 1;
        return (int) Math.max(1, Math.min(perStep, logins));
    }

    Account next() {
        return accounts.get(Math.floorMod(next.getAndIncrement(), accounts.size()));
    }

    List<Account> all() {
        return accounts;
    }

    /** RFC 6238: HMAC-SHA1 of the big-endian step, RFC 4226's dynamic truncation, 6 digits. */
    static String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is always available", e);
        }
    }

    /** The secret of an enrolment answer (RFC 4648 base32, no padding). */
    static byte[] decodeBase32(String base32) {
        String clean = base32.replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + base32);
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
}
