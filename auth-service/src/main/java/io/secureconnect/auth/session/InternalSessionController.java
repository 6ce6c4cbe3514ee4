package io.secureconnect.auth.session;

import io.secureconnect.common.peer.auth.AuthSessionsApi;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The session status other services ask while Redis is down ({@link AuthSessionsApi}, whose contract test keeps
 * the two in step): reaching this handler means the bearer token passed every check, revocation included (answered
 * here from PostgreSQL), so its session is active; a revoked one was refused with 401 before.
 */
@RestController
class InternalSessionController {

    @GetMapping(AuthSessionsApi.CURRENT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void currentSessionIsActive() {
    }
}
