package io.secureconnect.video.recovery;

import static io.secureconnect.video.support.CallSockets.awaitParticipants;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;
import io.secureconnect.testsupport.redis.RedisServerProcess;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.FakeChatAndAuth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any instance can serve any call: participants connected to two instances of the jar (one database, one Redis)
 * see each other in the participant list and exchange signals through the Redis relay, and a second connection
 * of a user on the other instance replaces the first one there.
 */
class TwoInstancesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeChatAndAuth peers = FakeChatAndAuth.shared();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private TestDatabase database;
    private RedisServerProcess redis;
    private VideoInstance first;
    private VideoInstance second;

    @BeforeEach
    void startTwoInstances() throws Exception {
        database = TestDatabases.create();
        redis = RedisServerProcess.startOnFreePort();
        Path logs = Path.of(System.getProperty("sc.video.target", "target"), "two-instances-it");
        Files.createDirectories(logs);
        Map<String, String> environment = VideoInstance.environment(database, redis, peers, logs);
        int firstPort = FreePorts.next();
        int secondPort = FreePorts.next();
        first = new VideoInstance(firstPort, environment, logs.resolve("first-" + firstPort + ".out"));
        second = new VideoInstance(secondPort, environment, logs.resolve("second-" + secondPort + ".out"));
        first.start();
        second.start();
    }

    @AfterEach
    void stopThem() throws Exception {
        first.close();
        second.close();
        database.close();
        redis.close();
    }

    @Test
    void participantsOnDifferentInstancesSignalEachOtherThroughRedis() throws Exception {
        UUID callId = first.placeCall(peers.conversation(alice, bob), alice);
        try (TestSocket a = first.join(callId, alice); TestSocket b = second.join(callId, bob)) {
            awaitParticipants(a, alice, bob);

            a.send(JSON.writeValueAsString(Map.of("type", "signal", "to", bob.toString(),
                    "data", Map.of("type", "offer", "sdp", "v=0 across instances"))));
            assertThat(b.next("signal").path("data").path("sdp").asString()).isEqualTo("v=0 across instances");
            b.send(JSON.writeValueAsString(Map.of("type", "signal", "to", alice.toString(),
                    "data", Map.of("type", "answer", "sdp", "v=0 back"))));
            assertThat(a.next("signal").path("from").asString()).isEqualTo(bob.toString());

            try (TestSocket a2 = second.join(callId, alice)) {
                assertThat(a.next("error").path("code").asString()).isEqualTo("REPLACED");
                assertThat(a.awaitClose()).isEqualTo(4409);
                b.send(JSON.writeValueAsString(Map.of("type", "signal", "to", alice.toString(),
                        "data", Map.of("candidate", "candidate:1"))));
                assertThat(a2.next("signal").path("from").asString()).isEqualTo(bob.toString());
            }
        }
    }
}
