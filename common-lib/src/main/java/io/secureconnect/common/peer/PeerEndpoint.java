package io.secureconnect.common.peer;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.secureconnect.common.web.ErrorCode;

/**
 * Where a service finds one peer, declared as a bean by the service from its own settings (e.g. chat's
 * {@code secureconnect.chat.auth-url}), and how the caller's request is refused when that peer cannot answer.
 *
 * @param peer             which peer
 * @param baseUrl          the peer's base URL; the interfaces add the paths
 * @param timeout          connect and read timeout of one attempt: a slow peer fails the request, never hangs it
 * @param whenUnavailable  the problem code (a 503) the caller gets when the peer gives no usable answer
 */
public record PeerEndpoint(Peer peer, URI baseUrl, Duration timeout, ErrorCode whenUnavailable) {

    public PeerEndpoint {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(whenUnavailable, "whenUnavailable");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A peer timeout must be positive, was " + timeout);
        }
        if (whenUnavailable.status().value() != 503) {
            throw new IllegalArgumentException(whenUnavailable.name() + " is not a 503; an unavailable peer is");
        }
    }
}
