package io.secureconnect.video.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.redis.RedisSubscription;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.redis.RedisServerExtension;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.CallSockets;
import io.secureconnect.video.support.VideoServiceTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18, S18 for video, the same way as chat: a revoked session's signaling socket closes within two seconds
 * with Redis up (auth-service's announcement) or down (auth-service's record, asked every second), and a session
 * that cannot be checked at all is refused rather than trusted.
 */
class RevokedSessionSocketsIntegrationTest extends VideoServiceTest {

    private static final Duration WITHIN = Duration.ofSeconds(2);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", redis::url);
    }

    @Autowired
    RevokedSessionEvents announcements;

    @Autowired
    @Qualifier("revokedSessions")
    RedisSubscription subscription;

    @Autowired
    RedisGuard guard;

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void anAnnouncedRevocationClosesThatSessionsSocketWithinTwoSecondsAndNoOther() throws Exception {
        UUID session = UUID.randomUUID();
        UUID callId = callIdIn(peers.conversation(alice, bob), alice);
        try (TestSocket a = joinWithSession(callId, alice, session); TestSocket b = join(callId, bob)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> subscription.isListening() && !guard.isDegraded());

            long start = System.nanoTime();
            assertThat(announcements.announce(new Revocation(alice, List.of(session), false))).isTrue();

            assertThat(a.awaitClose()).isEqualTo(4401);
            assertClosedAs(a, "SESSION_REVOKED");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN);
            assertThat(b.isClosed()).isFalse();
        }
    }

    @Test
    void whileRedisIsDownARevokedSessionsSocketClosesWithinTwoSecondsFromAuthServicesRecord() throws Exception {
        UUID session = UUID.randomUUID();
        UUID callId = callIdIn(peers.conversation(alice, bob), alice);
        try (TestSocket a = joinWithSession(callId, alice, session); TestSocket b = join(callId, bob)) {
            redis.stop();
            await().atMost(Duration.ofSeconds(30)).until(guard::isDegraded);

            long start = System.nanoTime();
            peers.revokeSession(session);

            assertThat(a.awaitClose()).isEqualTo(4401);
            assertClosedAs(a, "SESSION_REVOKED");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN);
            assertThat(b.isClosed()).isFalse();
        } finally {
            redis.start();
        }
    }

    @Test
    void whenNeitherRedisNorAuthServiceCanAnswerTheSocketIsClosedRatherThanTrusted() throws Exception {
        UUID callId = callIdIn(peers.conversation(alice, bob), alice);
        try (TestSocket a = join(callId, alice)) {
            redis.stop();
            await().atMost(Duration.ofSeconds(30)).until(guard::isDegraded);

            peers.authDown(true);

            assertThat(a.awaitClose()).isEqualTo(1013);
            assertClosedAs(a, "SERVICE_UNAVAILABLE");
        } finally {
            peers.authDown(false);
            redis.start();
        }
    }

    private TestSocket joinWithSession(UUID callId, UUID user, UUID session) {
        TestSocket socket = CallSockets.connect(port, callId, TestTokens.forUser(user).sessionId(session).mint());
        assertThat(socket.next().path("type").asString()).isEqualTo("ready");
        return socket;
    }

    /** Chat and video close a socket the same way (the socket runtime's): an error frame, then its code as the reason. */
    private static void assertClosedAs(TestSocket socket, String code) {
        assertThat(socket.closeReason()).isEqualTo(code);
        assertThat(socket.next("error").path("code").asString()).isEqualTo(code);
    }
}
