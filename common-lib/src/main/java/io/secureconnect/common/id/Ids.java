package io.secureconnect.common.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * UUIDv7 identifiers (RFC 9562): time-ordered, so primary keys stay index-friendly and sort by creation time.
 * Within one millisecond the 12-bit counter field keeps ids from this process strictly increasing.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Clock CLOCK = Clock.systemUTC();
    private static long lastMillis;
    private static int counter;

    private Ids() {
    }

    /** A new UUIDv7. */
    public static UUID newId() {
        long millis;
        int sequence;
        LOCK.lock();
        try {
            millis = Math.max(CLOCK.millis(), lastMillis);
            if (millis == lastMillis) {
                counter = (counter + 1) & 0xFFF;
                if (counter == 0) {
                    millis++; // counter exhausted within this millisecond: borrow the next one
                }
            } else {
                counter = RANDOM.nextInt(0x800); // random start leaves room to count up
            }
            lastMillis = millis;
            sequence = counter;
        } finally {
            LOCK.unlock();
        }
        long msb = (millis << 16) | 0x7000L | sequence;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
