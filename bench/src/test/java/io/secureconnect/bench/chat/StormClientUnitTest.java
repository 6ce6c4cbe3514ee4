package io.secureconnect.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a storm client counts as back and caught up: ready and synced after the drop, and every seq held. */
class StormClientUnitTest {

    private static final long DROP = 1_000L;

    private final StormClient client = new StormClient(UUID.randomUUID(), null, URI.create("ws://127.0.0.1:1/ws/chat"),
            "token", Backoff.PROTOCOL, new StormClient.Shared(null));

    private static String message(long seq) {
        return "{\"type\":\"message\",\"message\":{\"id\":\"x\",\"seq\":" + seq + ",\"body\":\"b\"}}";
    }

    @Test
    void caughtUpWhenTheLastOfReadySyncedAndEveryMessageArrived() {
        client.frame(message(1), 500);
        client.frame("{\"type\":\"ready\",\"userId\":\"u\"}", 2_000);
        client.frame(message(2), 2_500);
        client.frame("{\"type\":\"synced\",\"latest\":{}}", 3_000);
        client.frame(message(3), 4_000);

        assertThat(client.caughtUpAtNanos(DROP, 3)).isEqualTo(4_000);
        assertThat(client.caughtUpAtNanos(DROP, 2)).isEqualTo(3_000);
    }

    @Test
    void notCaughtUpWhileAMessageIsMissingOrBeforeReconnecting() {
        client.frame(message(1), 500);
        client.frame(message(2), 600);
        client.frame("{\"type\":\"ready\",\"userId\":\"u\"}", 700);
        client.frame("{\"type\":\"synced\",\"latest\":{}}", 800);

        assertThat(client.caughtUpAtNanos(DROP, 2)).isEqualTo(-1); // ready came before the drop

        client.frame("{\"type\":\"ready\",\"userId\":\"u\"}", 2_000);
        client.frame("{\"type\":\"synced\",\"latest\":{}}", 2_100);
        client.frame(message(4), 2_200);
        assertThat(client.caughtUpAtNanos(DROP, 4)).isEqualTo(-1); // 3 is missing
        assertThat(client.caughtUpAtNanos(DROP, 2)).isEqualTo(2_100);
    }

    @Test
    void presenceFramesAreCountedForTheWholeStorm() {
        StormClient.Shared shared = new StormClient.Shared(null);
        StormClient one = new StormClient(UUID.randomUUID(), null, URI.create("ws://127.0.0.1:1/ws/chat"), "t",
                Backoff.PROTOCOL, shared);
        one.frame("{\"type\":\"presence\",\"userId\":\"u\",\"status\":\"online\"}", 1);
        one.frame("{\"type\":\"presence\",\"userId\":\"v\",\"status\":\"offline\"}", 2);

        assertThat(shared.presenceFrames().get()).isEqualTo(2);
    }
}
