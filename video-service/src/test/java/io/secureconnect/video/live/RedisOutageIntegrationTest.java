package io.secureconnect.video.live;

import static io.secureconnect.video.support.CallSockets.awaitParticipants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.secureconnect.testsupport.redis.RedisServerExtension;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.VideoServiceTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ARCHITECTURE §6 for video: with Redis gone, participants on this instance keep signaling (and newcomers can
 * join) on state held in memory; when Redis is back, that state is written back so any instance can serve the call.
 */
class RedisOutageIntegrationTest extends VideoServiceTest {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", redisServer::url);
    }

    @Autowired
    LiveCalls live;

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID carol = UUID.randomUUID();

    @Test
    void signalingContinuesWhileRedisIsDownAndTheStateIsInRedisAgainAfterwards() throws Exception {
        UUID callId = callIdIn(peers.conversation(alice, bob, carol), alice);
        try (TestSocket a = join(callId, alice); TestSocket b = join(callId, bob)) {
            awaitParticipants(a, alice, bob);

            redisServer.stop();
            await().atMost(TestSocket.WAIT).until(live::isDegraded);

            a.send(signal(bob, Map.of("type", "offer", "sdp", "v=0 while degraded")));
            assertThat(b.next("signal").path("data").path("sdp").asString()).isEqualTo("v=0 while degraded");
            try (TestSocket c = join(callId, carol)) {
                awaitParticipants(a, alice, bob, carol);
                c.send(signal(bob, Map.of("candidate", Map.of("candidate", "candidate:2", "sdpMid", "0"))));
                assertThat(b.next("signal").path("from").asString()).isEqualTo(carol.toString());

                redisServer.start();
                await().atMost(TestSocket.WAIT).pollInterval(Duration.ofMillis(200))
                        .until(() -> participantsInRedis(callId), fields -> fields.keySet().containsAll(java.util.Set.of(
                                "p:" + alice, "p:" + bob, "p:" + carol, "meta", "state")));

                b.send(signal(alice, Map.of("type", "answer", "sdp", "v=0 after recovery")));
                assertThat(a.next("signal").path("data").path("sdp").asString()).isEqualTo("v=0 after recovery");
            }
        }
    }

    private Map<String, String> participantsInRedis(UUID callId) {
        RedisClient client = RedisClient.create(redisServer.url());
        try (var connection = client.connect()) {
            return connection.sync().hgetall("sc:video:call:" + callId);
        } catch (RuntimeException notYet) {
            return Map.of();
        } finally {
            client.shutdown();
        }
    }
}
