package io.secureconnect.video.signaling;

import java.time.Instant;

import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.security.SessionRevocationValidator;
import io.secureconnect.common.security.SessionRevocationValidator.SessionState;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes signaling sockets whose access token expired (unless the client sent a fresh one with {@code auth}) or
 * whose session was revoked, with 4401 (ARCHITECTURE §5), the same way chat does: at once when auth-service announces
 * a revocation, and otherwise by the sweep, which checks every socket's session every
 * {@value #SWEEPS_PER_REDIS_CHECK} sweeps while Redis answers and every sweep while auth-service has to. A session that
 * cannot be checked at all closes its socket with 1013 (fail closed; the client rejoins when it can).
 */
@Component
class TokenWatch {

    static final int SWEEPS_PER_REDIS_CHECK = 5;

    private final LocalConnections local;
    private final Frames frames;
    private final SessionRevocationValidator revocation;
    private int sweeps;

    TokenWatch(LocalConnections local, Frames frames, SessionRevocationValidator revocation) {
        this.local = local;
        this.frames = frames;
        this.revocation = revocation;
    }

    @Scheduled(fixedDelayString = "${secureconnect.video.token-check-interval:1s}")
    void closeExpiredAndRevoked() {
        Instant now = Instant.now();
        boolean checkRevocation = !revocation.answersFromRedis() || sweeps++ % SWEEPS_PER_REDIS_CHECK == 0;
        for (Connection connection : local.all()) {
            if (connection.tokenExpiry() != null && now.isAfter(connection.tokenExpiry())) {
                close(connection, "TOKEN_EXPIRED", "The access token expired; reconnect with a fresh one.");
            } else if (checkRevocation) {
                closeUnlessActive(connection, revocation.stateOf(connection.token()));
            }
        }
    }

    @EventListener
    void onRevocation(Revocation revoked) {
        for (Connection connection : local.all()) {
            if (revoked.covers(connection.sessionId())) {
                closeUnlessActive(connection, SessionState.REVOKED);
            }
        }
    }

    private void closeUnlessActive(Connection connection, SessionState state) {
        switch (state) {
            case ACTIVE -> { }
            case REVOKED -> close(connection, "SESSION_REVOKED", "The session was signed out.");
            case UNKNOWN -> {
                connection.send(frames.error("SERVICE_UNAVAILABLE", "The session cannot be checked right now; rejoin shortly."));
                connection.close(new CloseStatus(CloseCodes.TRY_AGAIN_LATER, "SERVICE_UNAVAILABLE"), "session_uncheckable");
            }
        }
    }

    private void close(Connection connection, String code, String detail) {
        connection.send(frames.error(code, detail));
        connection.close(new CloseStatus(CloseCodes.UNAUTHENTICATED, code), "unauthenticated");
    }
}
