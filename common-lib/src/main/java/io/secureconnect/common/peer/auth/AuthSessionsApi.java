package io.secureconnect.common.peer.auth;

import io.secureconnect.common.peer.CallerToken;

import org.springframework.web.service.annotation.GetExchange;

/**
 * auth-service's durable answer whether a token's session is still active, asked by the other services while Redis
 * (the fast revocation list) is down: 204 when it is, 401 when it was revoked (or the token is otherwise refused).
 */
public interface AuthSessionsApi {

    String CURRENT = "/internal/v1/sessions/current";

    @GetExchange(CURRENT)
    void current(CallerToken caller);
}
