package io.secureconnect.common.peer;

import java.util.Map;

import io.secureconnect.common.web.ApiException;

/**
 * The one outcome of a peer call that gave no usable answer: unreachable, too slow, a 5xx, an open circuit breaker,
 * or an answer that is malformed or misses a field. The caller's request is refused with the endpoint's 503 code
 * (fail closed); nothing downstream ever reads a guessed answer.
 */
public class PeerUnavailable extends ApiException {

    private final Peer peer;

    PeerUnavailable(PeerEndpoint endpoint) {
        super(endpoint.whenUnavailable(), endpoint.peer().service() + " cannot answer right now; try again shortly.",
                Map.of("service", endpoint.peer().service(), RETRY_AFTER, 2L));
        this.peer = endpoint.peer();
    }

    public Peer peer() {
        return peer;
    }
}
