package io.secureconnect.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Refresh, logout and the session list; a session is opened by {@link io.secureconnect.auth.login.LoggingIn}. */
@RestController
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }

    /** A session as its owner sees it in the list; {@code current} marks the one making the request. */
    record SessionView(UUID id, String deviceName, String userAgent, String ip, Instant createdAt, Instant lastUsedAt,
                       boolean current) {
    }

    @PostMapping("/api/v1/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(Caller caller) {
        sessions.logout(caller.sessionId(), caller.userId());
    }

    @PostMapping("/api/v1/auth/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutEverywhere(Caller caller) {
        sessions.logoutEverywhere(caller.userId());
    }

    @GetMapping("/api/v1/users/me/sessions")
    Map<String, List<SessionView>> mySessions(Caller caller) {
        UUID current = caller.sessionId();
        return Map.of("items", sessions.active(caller.userId()).stream()
                .map(s -> new SessionView(s.id(), s.deviceName(), s.userAgent(), s.ip(), s.createdAt(), s.lastUsedAt(),
                        s.id().equals(current)))
                .toList());
    }

    @DeleteMapping("/api/v1/users/me/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID sessionId, Caller caller) {
        sessions.revoke(sessionId, caller.userId());
    }
}
