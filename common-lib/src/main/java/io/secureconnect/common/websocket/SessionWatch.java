package io.secureconnect.common.websocket;

import java.time.Clock;

import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.security.SessionRevocationValidator;
import io.secureconnect.common.security.SessionRevocationValidator.SessionState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A socket outlives the handshake that authenticated it; this is what keeps it honest, the same way for every socket
 * of the suite. It closes sockets whose token expired (unless the client sent a fresh one) or whose session was
 * revoked, with 4401: at once when auth-service announces the revocation, and otherwise by the sweep, which asks for
 * every socket's session every {@value #SWEEPS_PER_REDIS_CHECK} sweeps while Redis answers and every sweep while the
 * answer has to come from auth-service. A socket whose session cannot be checked at all is closed with 1013: the
 * check fails closed, and the client reconnects when it can. Sockets silent for longer than their idle timeout are
 * closed with 4408. Each close is preceded by an {@code error} frame whose code says why.
 */
public class SessionWatch {

    static final int SWEEPS_PER_REDIS_CHECK = 5;

    private static final Logger log = LoggerFactory.getLogger(SessionWatch.class);

    private final SocketRegistry sockets;
    private final SessionRevocationValidator revocation;
    private final Clock clock;
    private int sweeps;

    public SessionWatch(SocketRegistry sockets, SessionRevocationValidator revocation, Clock clock) {
        this.sockets = sockets;
        this.revocation = revocation;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${secureconnect.websocket.session-check-interval:1s}")
    public void sweep() {
        var now = clock.instant();
        boolean checkRevocation = !revocation.answersFromRedis() || sweeps++ % SWEEPS_PER_REDIS_CHECK == 0;
        for (SocketConnection connection : sockets.all()) {
            var token = connection.token();
            if (token.getExpiresAt() != null && token.getExpiresAt().isBefore(now)) {
                log.info("Closing WebSocket {} of user {}: token expired", connection.id(), connection.userId());
                connection.refuse(ErrorFrame.of("TOKEN_EXPIRED", "The access token expired; reconnect with a fresh one."),
                        CloseCodes.UNAUTHENTICATED);
            } else if (connection.idleTimedOut()) {
                connection.refuse(ErrorFrame.of("IDLE", "No frame within the idle timeout."), CloseCodes.IDLE);
            } else if (checkRevocation) {
                closeUnlessActive(connection, revocation.stateOf(token));
            }
        }
    }

    @EventListener
    public void onRevocation(Revocation revoked) {
        for (SocketConnection connection : sockets.all()) {
            if (revoked.covers(connection.sessionId())) {
                closeUnlessActive(connection, SessionState.REVOKED);
            }
        }
    }

    private static void closeUnlessActive(SocketConnection connection, SessionState state) {
        switch (state) {
            case ACTIVE -> { }
            case REVOKED -> {
                log.info("Closing WebSocket {} of user {}: session revoked", connection.id(), connection.userId());
                connection.refuse(ErrorFrame.of("SESSION_REVOKED", "The session was signed out."),
                        CloseCodes.UNAUTHENTICATED);
            }
            case UNKNOWN -> {
                log.warn("Closing WebSocket {} of user {}: its session cannot be checked", connection.id(),
                        connection.userId());
                connection.refuse(ErrorFrame.of("SERVICE_UNAVAILABLE",
                        "The session cannot be checked right now; reconnect shortly."), CloseCodes.TRY_AGAIN_LATER);
            }
        }
    }
}
