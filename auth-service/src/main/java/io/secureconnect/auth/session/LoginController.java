package io.secureconnect.auth.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.account.Emails;
import io.secureconnect.auth.account.PasswordHasher;
import io.secureconnect.auth.token.AccessTokens;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.web.ApiException;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login: a password check that costs the same whether or not the account exists, and the same answer for a wrong
 * email as for a wrong password, so nothing reveals which accounts exist. Each login opens a session.
 */
@RestController
class LoginController {

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final AuthProperties properties;
    private final AuditLogger audit;
    private final MeterRegistry meters;

    LoginController(UserRepository users, SessionRepository sessions, PasswordHasher hasher, AccessTokens accessTokens,
                    AuthProperties properties, AuditLogger audit, MeterRegistry meters) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.audit = audit;
        this.meters = meters;
    }

    @PostMapping("/api/v1/auth/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        meters.counter("auth.attempts").increment();
        Optional<User> account = users.findByEmail(Emails.normalize(request.email()));
        boolean valid = account.map(user -> hasher.matches(request.password(), user.passwordHash()))
                .orElseGet(() -> {
                    hasher.matchDecoy(request.password());
                    return false;
                });
        if (!valid) {
            meters.counter("auth.failures").increment();
            meters.counter("auth.login.failed").increment();
            audit.record(AuditEvent.of("auth.login", AuditResult.FAILURE).user(account.map(User::id).orElse(null))
                    .resource("session").reason(account.isPresent() ? "wrong password" : "unknown account"));
            throw new ApiException(AuthErrorCode.AUTH_INVALID_CREDENTIALS, "The email or password is wrong.");
        }
        User user = account.get();
        Instant now = Instant.now();
        UUID sessionId = Ids.newId(); // a first login starts its own refresh-token family
        Session session = new Session(sessionId, user.id(), sessionId, request.deviceName(), http.getHeader("User-Agent"),
                http.getRemoteAddr(), now, now, now.plus(properties.refreshTokenTtl()), null);
        String refreshToken = RefreshTokens.generate();
        sessions.insert(session, RefreshTokens.hash(refreshToken));
        AccessTokens.IssuedToken accessToken = accessTokens.issue(user, session.id());
        meters.counter("auth.success").increment();
        audit.record(AuditEvent.of("auth.login", AuditResult.SUCCESS).user(user.id()).resource("session:" + session.id()));
        return TokenResponse.bearer(accessToken.value(), refreshToken, accessToken.expiresIn());
    }
}
