package io.secureconnect.video.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;

import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.VideoIntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** A call nobody answers ends as missed after the ring timeout (2 s here). */
@TestPropertySource(properties = "secureconnect.video.ring-timeout=2s")
class MissedCallIntegrationTest extends VideoIntegrationTest {

    @Test
    void aCallNobodyAnswersEndsAsMissed() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID callId = callIdIn(peers.conversation(alice, UUID.randomUUID()), alice);

        try (TestSocket a = join(callId, alice)) {
            assertThat(a.next("ended").path("reason").asString()).isEqualTo("missed");
            assertThat(a.awaitClose()).isEqualTo(4410);
        }
        JsonNode call = await().atMost(TestSocket.WAIT).until(() -> call(callId, alice),
                c -> "ended".equals(c.path("state").asString()));
        assertThat(call.path("endReason").asString()).isEqualTo("missed");
        assertThat(call.path("durationSeconds").asLong()).isZero();
    }
}
