package io.secureconnect.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final List<RefreshGuard> refreshGuards;
    private final ObjectProvider<EnrolmentRequirement> enrolment;
    private final TransactionTemplate transaction;

    Sessions(SessionRepository sessions, SessionRevocations revocations, UserRepository users, AccessTokens accessTokens,
             AuthProperties properties, AuditLogger audit, AuthMetrics metrics, ApplicationEventPublisher events,
             Clock clock, List<RefreshGuard> refreshGuards, ObjectProvider<EnrolmentRequirement> enrolment,
             PlatformTransactionManager transactions) {
        this.clock = clock;
        this.refreshGuards = List.copyOf(refreshGuards);
        this.enrolment = enrolment;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.sessions = sessions;
        this.revocations = revocations;
        this.users = users;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Opens a session for a user who passed every login rule (see {@code LoggingIn}); {@code amr} says how they proved
     * who they are (RFC 8176: {@code ["pwd"]}, {@code ["pwd","otp","mfa"]}, {@code ["fed"]}, ...). The session keeps
     * it, and every access token it issues carries it.
     */
    public TokenResponse open(User user, SessionOrigin origin, List<String> amr) {
        if (amr.isEmpty()) {
            throw new IllegalArgumentException("a session is opened by some proof: amr must name it");
        }
        Instant now = clock.instant();
        UUID sessionId = Ids.newId(); // the session is its own refresh-token family
        Session session = new Session(sessionId, user.id(), sessionId, origin.deviceName(), origin.userAgent(),
                origin.ip(), now, now, now.plus(properties.refreshTokenTtl()), null, amr);
        String refreshToken = OpaqueTokens.generate();
        sessions.insert(session, OpaqueTokens.hash(refreshToken));
        return tokens(user, session, refreshToken);
    }

    /**
     * Rotates the refresh token of a live session. Every {@link RefreshGuard} is heard first, outside the rotation's
     * transaction (a guard may call an identity provider); the rotation itself then decides who wins a race.
     */
    TokenResponse refresh(String refreshToken) {
        byte[] hash = OpaqueTokens.hash(refreshToken);
        Session current = sessions.findByRefreshTokenHash(hash).filter(s -> s.isActive(clock.instant())).orElse(null);
        if (current != null) {
            refreshGuards.forEach(guard -> guard.beforeRefresh(current));
        }
        Rotation rotation = transaction.execute(status -> rotate(hash));
        if (rotation.refusal() != null) {
            throw rotation.refusal();
        }
        return rotation.tokens();
    }

    /** A rotation's outcome: a refusal is thrown after the commit, so a detected reuse stays revoked. */
    private record Rotation(TokenResponse tokens, ApiException refusal) {
    }

    private Rotation rotate(byte[] hash) {
        Instant now = clock.instant();
        Session session = sessions.findByRefreshTokenHash(hash).orElse(null);
        if (session == null) {
            sessions.findSessionOfRotatedToken(hash).ifPresent(this::revokeAfterReuse);
            return new Rotation(null, invalidRefreshToken("unknown"));
        }
        String next = OpaqueTokens.generate();
        if (!session.isActive(now) || !sessions.rotate(session.id(), hash, OpaqueTokens.hash(next), now)) {
            return new Rotation(null, invalidRefreshToken(session.isActive(now) ? "concurrent refresh" : "session ended"));
        }
        User user = users.findById(session.userId()).orElse(null);
        if (user == null) {
            return new Rotation(null, invalidRefreshToken("account gone"));
        }
        metrics.refreshSuccess.increment();
        return new Rotation(tokens(user, session, next), null);
    }

    /** Ends one session (a {@link RefreshGuard} whose identity provider ended it, for one); false if already ended. */
    public boolean end(UUID sessionId, UUID userId, String reason) {
        boolean ended = sessions.revoke(sessionId, clock.instant());
        if (ended) {
            revocations.revoked(userId, List.of(sessionId), false);
            audit.record(AuditEvent.of("auth.session_ended", AuditResult.SUCCESS).user(userId)
                    .resource("session:" + sessionId).reason(reason));
        }
        return ended;
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

    /**
     * When the user's live session {@code sessionId} was opened (its login, not its last refresh): how recently its
     * owner proved who they are, for a change that asks for a fresh sign-in. Empty for an ended or another's session.
     */
    public Optional<Instant> openedAt(UUID sessionId, UUID userId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        return sessions.findById(sessionId).filter(s -> s.userId().equals(userId) && s.isActive(clock.instant()))
                .map(Session::createdAt);
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

    private TokenResponse tokens(User user, Session session, String refreshToken) {
        EnrolmentRequirement requirement = enrolment.getIfAvailable();
        boolean enrolmentRequired = requirement != null && requirement.enrolmentRequired(user);
        List<String> roles = requirement == null ? user.roles() : requirement.rolesOf(user, session.amr());
        AccessTokens.IssuedToken accessToken = accessTokens.issue(user, session.id(), roles, session.amr(),
                enrolmentRequired);
        return TokenResponse.bearer(accessToken.value(), refreshToken, accessToken.expiresIn(), enrolmentRequired);
    }
}
