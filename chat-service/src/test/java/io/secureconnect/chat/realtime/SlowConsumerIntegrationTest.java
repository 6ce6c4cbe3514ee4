package io.secureconnect.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.LongStream;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A member whose client stops reading fills only its own outbound queue and is then disconnected; the other
 * members keep getting every message. (Small queue and big messages, so the TCP buffers fill quickly.)
 */
@TestPropertySource(properties = {"secureconnect.chat.websocket.outbound-queue=8", "secureconnect.chat.max-text-length=60000"})
class SlowConsumerIntegrationTest extends ChatIntegrationTest {

    @Test
    void aClientThatStopsReadingIsDisconnectedWithoutHoldingUpOthers() {
        ChatApi ann = user();
        ChatApi slow = user();
        ChatApi bystander = user();
        UUID group = ann.createGroup("Busy", slow.userId(), bystander.userId());
        TestSocket stalled = ChatSockets.connect(slow);
        stalled.stopReading();
        try (var reader = ChatSockets.connect(bystander)) {
            String big = "x".repeat(60_000);
            for (int i = 1; i <= 200; i++) {
                ann.sendText(group, "big-" + i, big);
            }
            Set<Long> received = new TreeSet<>();
            while (received.size() < 200) {
                received.add(reader.next("message").path("message").path("seq").asLong());
            }

            // every message reached the reader (the order is the sequence numbers' job: 12 MB in a burst can make
            // Redis drop the subscriber, and messages published meanwhile are delivered locally)
            assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(ann.get("/metrics").raw().body())
                            .containsPattern("websocket_errors_total\\{[^}]*reason=\"slow_consumer\"[^}]*} 1\\.0"));
        } finally {
            stalled.close();
        }
    }
}
