package io.secureconnect.common.websocket;

import java.time.Duration;

/**
 * What one socket may cost: the largest frame, the frames queued for a client before it counts as too slow, the
 * inbound frame rate (a token bucket) and how many refusals within ten seconds count as a flood, and how long a
 * socket may stay silent (zero: as long as it likes).
 */
public record SocketLimits(int maxFrameChars, int outboundQueue, int framesPerSecond, int frameBurst, int floodLimit,
                           Duration idleTimeout) {

    public SocketLimits {
        if (maxFrameChars < 1 || outboundQueue < 1 || framesPerSecond < 1 || frameBurst < 1 || floodLimit < 1) {
            throw new IllegalArgumentException("Socket limits must be positive: " + maxFrameChars + ", " + outboundQueue
                    + ", " + framesPerSecond + ", " + frameBurst + ", " + floodLimit);
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("The idle timeout is zero (none) or positive");
        }
    }
}
