package io.secureconnect.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

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
// the same tag, word for word, as LoginController's: logging in opens the sessions listed here
@Tag(name = "Sessions", description = "Logging in with a password, refreshing tokens, logging out, and the list of"
        + " one's sessions.")
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    record RefreshRequest(@Schema(example = "IuMXXAVZv04NKuLTL31mMmQKgHJRz2A5HbZM7qd_qP0")
                          @NotBlank @Size(max = 256) String refreshToken) {
    }

    /** A session as its owner sees it in the list; {@code current} marks the one making the request. */
    record SessionView(@Schema(example = "47b183a7-d012-4ffd-93e8-3d564ae9a743") UUID id,
                       @Schema(example = "Ann's laptop", nullable = true) String deviceName,
                       @Schema(example = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
                               nullable = true) String userAgent,
                       @Schema(example = "203.0.113.24", nullable = true) String ip,
                       @Schema(example = "2026-12-01T08:30:00Z") Instant createdAt,
                       @Schema(example = "2026-12-07T19:45:12Z") Instant lastUsedAt,
                       @Schema(description = "The session making this request", example = "true") boolean current) {
    }

    /** The session list: {@code {items}}. */
    record SessionList(List<SessionView> items) {
    }

    @Operation(operationId = "refreshTokens", summary = "Refresh the tokens of a session",
            description = "Trades the refresh token for new tokens; the old refresh token is then spent, and"
                    + " presenting a spent one again ends its session. A session opened by single sign-on is"
                    + " refreshed at its identity provider first: if the provider ended it, so does this"
                    + " (`AUTH_SSO_SESSION_ENDED`); if the provider cannot be reached, try again later"
                    + " (`SSO_PROVIDER_UNAVAILABLE`, the session stays).")
    @ApiErrors({"AUTH_INVALID_REFRESH_TOKEN", "AUTH_SSO_SESSION_ENDED", "SSO_PROVIDER_UNAVAILABLE"})
    @PostMapping("/api/v1/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    @Operation(operationId = "logout", summary = "Log out of this session",
            description = "Ends the session of the access token; its refresh token stops working at once.")
    @ApiErrors({})
    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(Caller caller) {
        sessions.logout(caller.sessionId(), caller.userId());
    }

    @Operation(operationId = "logoutEverywhere", summary = "Log out of every session",
            description = "Ends every session of the account, this one included.")
    @ApiErrors({})
    @PostMapping("/api/v1/auth/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutEverywhere(Caller caller) {
        sessions.logoutEverywhere(caller.userId());
    }

    @Operation(operationId = "listSessions", summary = "Your active sessions",
            description = "Every session of the account that has not ended; `current` marks the one making the"
                    + " request.")
    @ApiErrors({})
    @GetMapping("/api/v1/users/me/sessions")
    SessionList mySessions(Caller caller) {
        UUID current = caller.sessionId();
        return new SessionList(sessions.active(caller.userId()).stream()
                .map(s -> new SessionView(s.id(), s.deviceName(), s.userAgent(), s.ip(), s.createdAt(), s.lastUsedAt(),
                        s.id().equals(current)))
                .toList());
    }

    @Operation(operationId = "revokeSession", summary = "End one of your sessions",
            description = "Another account's session is answered as not found.")
    @ApiErrors("NOT_FOUND")
    @DeleteMapping("/api/v1/users/me/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID sessionId, Caller caller) {
        sessions.revoke(sessionId, caller.userId());
    }
}
