package io.secureconnect.chat.realtime;

import java.time.Instant;

import io.secureconnect.chat.ChatProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import io.secureconnect.common.security.SessionRevocationValidator;

/**
 * Closes sockets whose token expired (unless the client sent a fresh one with {@code auth}) or whose session was
 * revoked, with 4401, and sockets silent for longer than the idle timeout. A socket outlives the handshake that
 * authenticated it, so this is what makes a logout reach open sockets.
 */
@Component
class SocketTokenWatch {

    private static final Logger log = LoggerFactory.getLogger(SocketTokenWatch.class);

    private final LocalConnections connections;
    private final OAuth2TokenValidator<Jwt> revocation;
    private final long idleNanos;
    private int sweeps;

    SocketTokenWatch(LocalConnections connections, ObjectProvider<SessionRevocationValidator> revocation,
                     ChatProperties properties) {
        this.connections = connections;
        OAuth2TokenValidator<Jwt> validator = revocation.getIfAvailable();
        this.revocation = validator != null ? validator : token -> OAuth2TokenValidatorResult.success();
        this.idleNanos = properties.websocket().idleTimeout().toNanos();
    }

    /** Expiry and idleness every sweep; revocation (a Redis lookup per socket) every sixth. */
    @Scheduled(fixedDelayString = "${secureconnect.chat.websocket.token-check-interval:5s}")
    void sweep() {
        Instant now = Instant.now();
        boolean checkRevocation = sweeps++ % 6 == 0;
        for (ChatConnection connection : connections.all()) {
            Jwt token = connection.token();
            if (token.getExpiresAt() != null && token.getExpiresAt().isBefore(now)) {
                connection.close(CloseCodes.TOKEN_EXPIRED);
            } else if (connection.idleNanos() > idleNanos) {
                connection.close(CloseCodes.IDLE);
            } else if (checkRevocation && isRevoked(token)) {
                log.info("Closing WebSocket {} of user {}: session revoked", connection.id(), connection.userId());
                connection.close(CloseCodes.TOKEN_EXPIRED);
            }
        }
    }

    private boolean isRevoked(Jwt token) {
        try {
            return revocation.validate(token).hasErrors();
        } catch (RuntimeException e) {
            return false; // cannot tell right now; the next sweep asks again
        }
    }
}
