package io.secureconnect.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.AuthMetrics;
import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.account.Emails;
import io.secureconnect.auth.account.PasswordHasher;
import io.secureconnect.auth.lockout.LoginThrottle;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login, refresh, logout and the session list. Login costs the same whether or not the account exists and
 * answers a wrong email exactly like a wrong password, so nothing reveals which accounts exist.
 */
@RestController
class SessionController {

    private final Sessions sessions;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuditLogger audit;
    private final AuthMetrics metrics;
    private final LoginThrottle throttle;
    private final List<LoginRule> rules;

    SessionController(Sessions sessions, UserRepository users, PasswordHasher hasher, AuditLogger audit,
                      AuthMetrics metrics, LoginThrottle throttle, List<LoginRule> rules) {
        this.throttle = throttle;
        this.rules = rules;
        this.sessions = sessions;
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.metrics = metrics;
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }

    /** A session as its owner sees it in the list; {@code current} marks the one making the request. */
    record SessionView(UUID id, String deviceName, String userAgent, String ip, Instant createdAt, Instant lastUsedAt,
                       boolean current) {
    }

    @PostMapping("/api/v1/auth/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        metrics.attempts.increment();
        String email = Emails.normalize(request.email());
        throttle.checkAllowed(email, http.getRemoteAddr());
        Optional<User> account = users.findByEmail(email);
        boolean valid = account.map(user -> hasher.matches(request.password(), user.passwordHash()))
                .orElseGet(() -> {
                    hasher.matchDecoy(request.password());
                    return false;
                });
        if (!valid) {
            metrics.failures.increment();
            metrics.loginFailed.increment();
            throttle.recordFailure(email, http.getRemoteAddr());
            audit.record(AuditEvent.of("auth.login", AuditResult.FAILURE).user(account.map(User::id).orElse(null))
                    .resource("session").reason(account.isPresent() ? "wrong password" : "unknown account"));
            throw new ApiException(AuthErrorCode.AUTH_INVALID_CREDENTIALS, "The email or password is wrong.");
        }
        User user = account.get();
        rules.forEach(rule -> rule.check(user));
        throttle.recordSuccess(email);
        TokenResponse tokens = sessions.open(user, request.deviceName(), http.getHeader("User-Agent"), http.getRemoteAddr());
        metrics.success.increment();
        audit.record(AuditEvent.of("auth.login", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
        return tokens;
    }

    @PostMapping("/api/v1/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal Jwt token) {
        sessions.logout(sessionOf(token), userOf(token));
    }

    @PostMapping("/api/v1/auth/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutEverywhere(@AuthenticationPrincipal Jwt token) {
        sessions.logoutEverywhere(userOf(token));
    }

    @GetMapping("/api/v1/users/me/sessions")
    Map<String, List<SessionView>> mySessions(@AuthenticationPrincipal Jwt token) {
        UUID current = sessionOf(token);
        return Map.of("items", sessions.active(userOf(token)).stream()
                .map(s -> new SessionView(s.id(), s.deviceName(), s.userAgent(), s.ip(), s.createdAt(), s.lastUsedAt(),
                        s.id().equals(current)))
                .toList());
    }

    @DeleteMapping("/api/v1/users/me/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID sessionId, @AuthenticationPrincipal Jwt token) {
        sessions.revoke(sessionId, userOf(token));
    }

    /**
     * For other services while Redis is down: reaching this handler means the bearer token passed every check,
     * revocation included (answered here from PostgreSQL), so its session is active.
     */
    @GetMapping("/internal/v1/sessions/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void currentSessionIsActive() {
    }

    private static UUID sessionOf(Jwt token) {
        return UUID.fromString(token.getClaimAsString("sid"));
    }

    private static UUID userOf(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
