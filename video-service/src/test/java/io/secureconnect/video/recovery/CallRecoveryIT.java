package io.secureconnect.video.recovery;

import static io.secureconnect.video.support.CallSockets.awaitParticipants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;
import io.secureconnect.testsupport.redis.RedisServerProcess;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.CallSockets;
import io.secureconnect.video.support.FakeChatAndAuth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The call-recovery promise, against the real jar: kill -9 during a call, start again, and the participants who
 * reconnect within the window carry on in the same call while one who does not is removed and the others told.
 */
class CallRecoveryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RECOVERED = Pattern.compile("(?m)^calls_recovered_total(?:\\{[^}]*})? (\\S+)$");

    private final FakeChatAndAuth peers = FakeChatAndAuth.shared();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID carol = UUID.randomUUID();
    private final int port = FreePorts.next();
    private TestDatabase database;
    private VideoInstance service;
    /** A Redis of its own: nothing another build does to the shared server can touch the live state under test. */
    private RedisServerProcess redis;

    @BeforeEach
    void startTheService() throws Exception {
        database = TestDatabases.create();
        redis = RedisServerProcess.startOnFreePort();
        Path logs = Path.of(System.getProperty("sc.video.target", "target"), "recovery-it");
        Files.createDirectories(logs);
        Map<String, String> environment = VideoInstance.environment(database, redis, peers, logs);
        environment.put("SC_VIDEO_RECONNECT_WINDOW", "6s");
        environment.put("SC_VIDEO_INSTANCE_TTL", "2s");
        environment.put("SC_VIDEO_SWEEP_INTERVAL", "500ms");
        service = new VideoInstance(port, environment, logs.resolve("video-service-" + port + ".out"));
        service.start();
    }

    @AfterEach
    void stopTheService() throws Exception {
        service.close();
        database.close();
        redis.close();
    }

    @Test
    void afterAKillParticipantsWhoReconnectCarryOnAndOneWhoDoesNotIsRemovedAfterTheWindow() throws Exception {
        UUID callId = service.placeCall(peers.conversation(alice, bob, carol), alice);
        try (TestSocket a = service.join(callId, alice); TestSocket b = service.join(callId, bob); TestSocket c = service.join(callId, carol)) {
            awaitParticipants(a, alice, bob, carol);

            service.kill();
            assertThat(a.awaitClose()).isEqualTo(1006);
            assertThat(c.awaitClose()).isEqualTo(1006);
        }
        service.start();

        // at once, or on the first sweep after Redis answers if the starting machine was too busy for its PINGs
        await().atMost(TestSocket.WAIT).until(this::recoveredCalls, recovered -> recovered == 1.0);
        try (TestSocket a = CallSockets.connect(port, callId, TestTokens.accessToken(alice))) {
            JsonNode ready = a.next();
            assertThat(ready.path("type").asString()).isEqualTo("ready");
            assertThat(ready.path("resumed").asBoolean()).isTrue();
            assertThat(ready.path("participants")).hasSize(3);
            try (TestSocket b = service.join(callId, bob)) {
                a.send(JSON.writeValueAsString(Map.of("type", "signal", "to", bob.toString(),
                        "data", Map.of("type", "offer", "sdp", "v=0 ice restart"))));
                assertThat(b.next("signal").path("data").path("sdp").asString()).isEqualTo("v=0 ice restart");

                awaitParticipants(a, alice, bob);
                awaitParticipants(b, alice, bob);
                b.send("{\"type\":\"leave\"}");
                awaitParticipants(a, alice);
            }
            a.send("{\"type\":\"leave\"}");
            a.awaitClose();
        }

        JsonNode call = await().atMost(TestSocket.WAIT).until(() -> service.call(callId, alice),
                c -> "ended".equals(c.path("state").asString()));
        assertThat(call.path("endReason").asString()).isEqualTo("completed");
        assertThat(call.path("durationSeconds").asLong()).isGreaterThanOrEqualTo(0);
        Map<String, String> leaveReasons = new HashMap<>();
        call.path("participants").forEach(p -> leaveReasons.put(p.path("userId").asString(), p.path("leaveReason").asString()));
        assertThat(leaveReasons).containsEntry(carol.toString(), "dropped").containsEntry(bob.toString(), "left")
                .containsEntry(alice.toString(), "left");
    }

    private double recoveredCalls() throws Exception {
        Matcher matcher = RECOVERED.matcher(service.metrics());
        assertThat(matcher.find()).as("calls_recovered_total is exported").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
