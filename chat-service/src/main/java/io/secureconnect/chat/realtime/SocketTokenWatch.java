package io.secureconnect.chat.realtime;

import java.time.Instant;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.security.SessionRevocationValidator;
import io.secureconnect.common.security.SessionRevocationValidator.SessionState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes sockets whose token expired (unless the client sent a fresh one with {@code auth}) or whose session was
 * revoked, with 4401, and sockets silent for longer than the idle timeout. A socket outlives the handshake that
 * authenticated it, so this is what makes a logout reach open sockets: at once when auth-service announces the
 * revocation, and otherwise by the sweep, which asks for every socket's session every {@value #SWEEPS_PER_REDIS_CHECK}
 * sweeps while Redis answers, and every sweep while the answer has to come from auth-service. A socket whose session
 * cannot be checked at all is closed with 1013: the check fails closed, and the client reconnects when it can.
 */
@Component
class SocketTokenWatch {

    static final int SWEEPS_PER_REDIS_CHECK = 5;

    private static final Logger log = LoggerFactory.getLogger(SocketTokenWatch.class);

    private final LocalConnections connections;
    private final SessionRevocationValidator revocation;
    private final long idleNanos;
    private int sweeps;

    SocketTokenWatch(LocalConnections connections, SessionRevocationValidator revocation, ChatProperties properties) {
        this.connections = connections;
        this.revocation = revocation;
        this.idleNanos = properties.websocket().idleTimeout().toNanos();
    }

    @Scheduled(fixedDelayString = "${secureconnect.chat.websocket.token-check-interval:1s}")
    void sweep() {
        Instant now = Instant.now();
        boolean checkRevocation = !revocation.answersFromRedis() || sweeps++ % SWEEPS_PER_REDIS_CHECK == 0;
        for (ChatConnection connection : connections.all()) {
            var token = connection.token();
            if (token.getExpiresAt() != null && token.getExpiresAt().isBefore(now)) {
                connection.close(CloseCodes.TOKEN_EXPIRED);
            } else if (connection.idleNanos() > idleNanos) {
                connection.close(CloseCodes.IDLE);
            } else if (checkRevocation) {
                closeUnlessActive(connection, revocation.stateOf(token));
            }
        }
    }

    @EventListener
    void onRevocation(Revocation revoked) {
        for (ChatConnection connection : connections.all()) {
            if (revoked.covers(connection.token().getClaimAsString("sid"))) {
                closeUnlessActive(connection, SessionState.REVOKED);
            }
        }
    }

    private static void closeUnlessActive(ChatConnection connection, SessionState state) {
        switch (state) {
            case ACTIVE -> { }
            case REVOKED -> {
                log.info("Closing WebSocket {} of user {}: session revoked", connection.id(), connection.userId());
                connection.close(CloseCodes.TOKEN_EXPIRED);
            }
            case UNKNOWN -> {
                log.warn("Closing WebSocket {} of user {}: its session cannot be checked", connection.id(), connection.userId());
                connection.close(CloseCodes.SESSION_UNCHECKABLE);
            }
        }
    }
}
