package io.secureconnect.common.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.secureconnect.common.security.MfaEnrolment;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

import tools.jackson.databind.json.JsonMapper;

/**
 * A long-lived socket takes a fresh token of its own user, and refuses one limited to enrolling a second factor
 * (docs/identity.md, Policy): such a token is good for no socket, so it may not keep one open either.
 */
class SocketReauthenticationUnitTest {

    private final UUID ann = UUID.randomUUID();

    @Test
    void aFreshTokenOfTheSameUserIsTaken() {
        SocketConnection socket = socketOf(token(ann, false));
        Jwt fresh = token(ann, false);

        assertThat(socket.reauthenticate(fresh)).isTrue();
        assertThat(socket.token()).isSameAs(fresh);
    }

    @Test
    void aTokenLimitedToEnrollingASecondFactorIsRefused() {
        Jwt handshake = token(ann, false);
        SocketConnection socket = socketOf(handshake);

        assertThat(socket.reauthenticate(token(ann, true))).isFalse();
        assertThat(socket.token()).isSameAs(handshake);
    }

    @Test
    void anotherUsersTokenIsRefused() {
        assertThat(socketOf(token(ann, false)).reauthenticate(token(UUID.randomUUID(), false))).isFalse();
    }

    private static SocketConnection socketOf(Jwt token) {
        var session = new StandardWebSocketSession(new HttpHeaders(), new HashMap<>(),
                new InetSocketAddress("127.0.0.1", 8080), new InetSocketAddress("127.0.0.1", 50000));
        return new SocketConnection(session, token, new SocketLimits(1000, 10, 10, 10, 100, Duration.ofMinutes(1)),
                new SocketMetrics(new SimpleMeterRegistry()), JsonMapper.builder().build());
    }

    private static Jwt token(UUID user, boolean enrolmentOnly) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "EdDSA").subject(user.toString())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        if (enrolmentOnly) {
            token.claim(MfaEnrolment.CLAIM, true);
        }
        return token.build();
    }
}
