package io.secureconnect.common.websocket;

import java.util.concurrent.TimeUnit;

import io.secureconnect.common.ratelimit.TokenBucket;

/**
 * The inbound frame budget of one socket. Frames over the rate are refused one by one; a client that keeps going
 * ({@code floodLimit} refusals within ten seconds) is flooding and is disconnected. Used only by the thread that
 * reads the socket.
 */
final class FrameRateLimit {

    private static final long FLOOD_WINDOW = TimeUnit.SECONDS.toNanos(10);

    enum Verdict { ALLOW, REFUSE, DISCONNECT }

    private final TokenBucket bucket;
    private final int floodLimit;
    private long windowStart;
    private int refusedInWindow;

    FrameRateLimit(SocketLimits limits, long now) {
        this.bucket = new TokenBucket(limits.framesPerSecond(), limits.frameBurst(), now);
        this.floodLimit = limits.floodLimit();
        this.windowStart = now;
    }

    Verdict take(long now) {
        if (bucket.tryTake(now)) {
            return Verdict.ALLOW;
        }
        if (now - windowStart > FLOOD_WINDOW) {
            windowStart = now;
            refusedInWindow = 0;
        }
        return ++refusedInWindow >= floodLimit ? Verdict.DISCONNECT : Verdict.REFUSE;
    }

    long millisUntilNextFrame(long now) {
        return bucket.millisUntilNext(now);
    }
}
