package io.secureconnect.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.AuthMetrics;
import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.token.AccessTokens;
import io.secureconnect.auth.token.OpaqueTokens;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a session: opened by a login, kept alive by refreshes that rotate its token, ended by logout or
 * revocation. A rotated-away refresh token presented again means it was copied: the session is revoked at once.
 */
@Service
public class Sessions {

    private final SessionRepository sessions;
    private final SessionRevocations revocations;
    private final UserRepository users;
    private final AccessTokens accessTokens;
    private final AuthProperties properties;
    private final AuditLogger audit;
    private final AuthMetrics metrics;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Sessions(SessionRepository sessions, SessionRevocations revocations, UserRepository users, AccessTokens accessTokens,
             AuthProperties properties, AuditLogger audit, AuthMetrics metrics, ApplicationEventPublisher events,
             Clock clock) {
        this.clock = clock;
        this.events = events;
        this.sessions = sessions;
        this.revocations = revocations;
        this.users = users;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Opens a session for a user who passed every login rule. */
    public TokenResponse open(User user, String deviceName, String userAgent, String ip) {
        Instant now = clock.instant();
        UUID sessionId = Ids.newId(); // the session is its own refresh-token family
        Session session = new Session(sessionId, user.id(), sessionId, deviceName, userAgent, ip, now, now,
                now.plus(properties.refreshTokenTtl()), null);
        String refreshToken = OpaqueTokens.generate();
        sessions.insert(session, OpaqueTokens.hash(refreshToken));
        return tokens(user, sessionId, refreshToken);
    }

    @Transactional(noRollbackFor = ApiException.class) // a detected reuse must stay revoked
    TokenResponse refresh(String refreshToken) {
        byte[] hash = OpaqueTokens.hash(refreshToken);
        Instant now = clock.instant();
        Session session = sessions.findByRefreshTokenHash(hash).orElse(null);
        if (session == null) {
            sessions.findSessionOfRotatedToken(hash).ifPresent(this::revokeAfterReuse);
            throw invalidRefreshToken("unknown");
        }
        String next = OpaqueTokens.generate();
        if (!session.isActive(now) || !sessions.rotate(session.id(), hash, OpaqueTokens.hash(next), now)) {
            throw invalidRefreshToken(session.isActive(now) ? "concurrent refresh" : "session ended");
        }
        User user = users.findById(session.userId()).orElseThrow(() -> invalidRefreshToken("account gone"));
        metrics.refreshSuccess.increment();
        return tokens(user, session.id(), next);
    }

    void logout(UUID sessionId, UUID userId) {
        if (sessions.revoke(sessionId, clock.instant())) {
            revocations.revoked(userId, List.of(sessionId), false);
        }
        audit.record(AuditEvent.of("auth.logout", AuditResult.SUCCESS).user(userId).resource("session:" + sessionId));
    }

    void logoutEverywhere(UUID userId) {
        endAll(userId, "logout everywhere");
    }

    /** Ends every session of the user (password changed or reset, logout everywhere). */
    public void endAll(UUID userId, String reason) {
        List<UUID> revoked = sessions.revokeAll(userId, clock.instant());
        revocations.revoked(userId, revoked, true);
        audit.record(AuditEvent.of("auth.logout_all", AuditResult.SUCCESS).user(userId).resource("user:" + userId)
                .reason(reason + ": " + revoked.size() + " sessions"));
        events.publishEvent(new AllSessionsEnded(userId));
    }

    /** Revokes one of the user's own sessions; someone else's answers as not found. */
    void revoke(UUID sessionId, UUID userId) {
        Session session = sessions.findById(sessionId).filter(s -> s.userId().equals(userId))
                .orElseThrow(() -> {
                    audit.denied("auth.session.revoke", "session:" + sessionId, "not one of the caller's sessions");
                    return new ApiException(CommonErrorCode.NOT_FOUND, "No such session.");
                });
        logout(session.id(), userId);
    }

    List<Session> active(UUID userId) {
        return sessions.findActiveByUser(userId, clock.instant());
    }

    private void revokeAfterReuse(UUID sessionId) {
        Session session = sessions.findById(sessionId).orElseThrow();
        if (sessions.revoke(sessionId, clock.instant())) {
            revocations.revoked(session.userId(), List.of(sessionId), false);
        }
        metrics.refreshReused.increment();
        audit.record(AuditEvent.of("auth.refresh_reuse", AuditResult.DENIED).user(session.userId())
                .resource("session:" + sessionId).reason("rotated refresh token presented again: session revoked"));
    }

    private ApiException invalidRefreshToken(String reason) {
        metrics.refreshInvalid.increment();
        audit.record(AuditEvent.of("auth.refresh", AuditResult.FAILURE).resource("session").reason(reason));
        return new ApiException(AuthErrorCode.AUTH_INVALID_REFRESH_TOKEN, "The refresh token is not valid.");
    }

    private TokenResponse tokens(User user, UUID sessionId, String refreshToken) {
        AccessTokens.IssuedToken accessToken = accessTokens.issue(user, sessionId);
        return TokenResponse.bearer(accessToken.value(), refreshToken, accessToken.expiresIn());
    }
}
