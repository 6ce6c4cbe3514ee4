package io.secureconnect.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.redis.RedisSubscription;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.redis.RedisServerExtension;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18, S18: a revoked session's sockets close within two seconds, whether Redis is up (auth-service's
 * announcement) or down (the sweep asks auth-service every second), and a session nobody can check is refused.
 * Each test has its own Redis, which it may stop.
 */
class RevokedSessionSocketsIntegrationTest extends ChatIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(2);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry properties) {
        properties.add("spring.data.redis.url", redis::url);
    }

    @Autowired
    RevokedSessionEvents announcements;

    @Autowired
    @Qualifier("revokedSessions")
    RedisSubscription subscription;

    @Autowired
    RedisGuard guard;

    @Test
    void anAnnouncedRevocationClosesThatSessionsSocketsAtOnceAndNoOther() {
        UUID session = UUID.randomUUID();
        ChatApi ann = user();
        try (var revoked = ChatSockets.connect(port, TestTokens.forUser(ann.userId()).sessionId(session).mint());
             var otherSession = ChatSockets.connect(ann)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> subscription.isListening() && !guard.isDegraded());

            assertThat(announcements.announce(new Revocation(ann.userId(), List.of(session), false))).isTrue();

            assertThat(revoked.awaitClose(WITHIN)).isEqualTo(4401);
            assertClosedAs(revoked, "SESSION_REVOKED");
            assertThat(otherSession.isClosed()).isFalse();
        }
    }

    @Test
    void whileRedisIsDownARevokedSessionsSocketsCloseWithinTwoSecondsFromAuthServicesRecord() {
        UUID session = UUID.randomUUID();
        ChatApi ann = user();
        try (var revoked = ChatSockets.connect(port, TestTokens.forUser(ann.userId()).sessionId(session).mint());
             var otherSession = ChatSockets.connect(ann)) {
            redis.stop();
            await().atMost(Duration.ofSeconds(30)).until(guard::isDegraded);

            peers.revokeSession(session);

            assertThat(revoked.awaitClose(WITHIN)).isEqualTo(4401);
            assertClosedAs(revoked, "SESSION_REVOKED");
            assertThat(otherSession.isClosed()).isFalse();
        } finally {
            redis.start();
        }
    }

    @Test
    void whenNeitherRedisNorAuthServiceCanAnswerSocketsAreClosedRatherThanTrusted() {
        ChatApi ann = user();
        try (var socket = ChatSockets.connect(ann)) {
            redis.stop();
            await().atMost(Duration.ofSeconds(30)).until(guard::isDegraded);

            peers.down();

            assertThat(socket.awaitClose(Duration.ofSeconds(5))).isEqualTo(1013);
            assertClosedAs(socket, "SERVICE_UNAVAILABLE");
        } finally {
            peers.up();
            redis.start();
        }
    }

    /** Chat and video close a socket the same way (the socket runtime's): an error frame, then its code as the reason. */
    private static void assertClosedAs(TestSocket socket, String code) {
        assertThat(socket.closeReason()).isEqualTo(code);
        assertThat(socket.next("error").path("code").asString()).isEqualTo(code);
    }
}
