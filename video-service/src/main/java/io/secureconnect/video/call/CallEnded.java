package io.secureconnect.video.call;

import java.util.UUID;

/**
 * The call ended, for the reason given ({@code hung_up}, {@code completed}, {@code missed}, ...): raised once, by
 * whoever recorded the end; every participant's socket is told and closed.
 */
public record CallEnded(UUID callId, String reason) {
}
