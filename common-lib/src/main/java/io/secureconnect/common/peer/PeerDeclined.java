package io.secureconnect.common.peer;

import org.springframework.http.HttpStatusCode;

/**
 * The peer answered with a 4xx: a real answer ("not a member", "revoked"), which does not count against its circuit
 * breaker. A caller that gives the status a meaning catches this; one that does not lets it refuse the request like
 * any other {@link PeerUnavailable}, because an answer it cannot read is no answer.
 */
public class PeerDeclined extends PeerUnavailable {

    private final HttpStatusCode status;

    PeerDeclined(PeerEndpoint endpoint, HttpStatusCode status) {
        super(endpoint);
        this.status = status;
    }

    public HttpStatusCode status() {
        return status;
    }
}
