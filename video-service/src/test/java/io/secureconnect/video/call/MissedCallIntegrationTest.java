package io.secureconnect.video.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.secureconnect.testsupport.time.MutableClock;
import io.secureconnect.testsupport.websocket.TestSocket;
import io.secureconnect.video.support.VideoIntegrationTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A call nobody answers ends as missed after the ring timeout (120 s in tests: the clock is moved past it). */
class MissedCallIntegrationTest extends VideoIntegrationTest {

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void aCallNobodyAnswersEndsAsMissed() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID callId = callIdIn(peers.conversation(alice, UUID.randomUUID()), alice);

        try (TestSocket a = join(callId, alice)) {
            clock.advance(Duration.ofSeconds(121));
            assertThat(a.next("ended").path("reason").asString()).isEqualTo("missed");
            assertThat(a.awaitClose()).isEqualTo(4410);
        }
        JsonNode call = await().atMost(TestSocket.WAIT).until(() -> call(callId, alice),
                c -> "ended".equals(c.path("state").asString()));
        assertThat(call.path("endReason").asString()).isEqualTo("missed");
        assertThat(call.path("durationSeconds").asLong()).isZero();
    }
}
