package io.secureconnect.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Latency accounting of the fan-out: a receiver measures from the due time the sender wrote into the body, counts a
 * sequence number's latency once, and leaves warmup messages out of the latency but not out of the loss check.
 */
class FanoutAccountingUnitTest {

    private static final long MEASURE_FROM = 1_000_000_000L;

    private static String message(long seq, long dueNanos) {
        return "{\"type\":\"message\",\"message\":{\"id\":\"" + UUID.randomUUID() + "\",\"conversationId\":\""
                + UUID.randomUUID() + "\",\"seq\":" + seq + ",\"senderId\":\"" + UUID.randomUUID()
                + "\",\"clientId\":\"f" + seq + "\",\"type\":\"text\",\"body\":\"" + FanoutReceiver.body(dueNanos)
                + "\",\"createdAt\":\"2026-11-26T12:00:00Z\",\"deleted\":false}}";
    }

    @Test
    void latencyIsFromTheDueTimeInTheBodyToArrival() {
        FanoutReceiver receiver = new FanoutReceiver(MEASURE_FROM);
        receiver.frame(message(1, MEASURE_FROM), MEASURE_FROM + 7_000_000L);
        receiver.frame(message(2, MEASURE_FROM + 1_000_000L), MEASURE_FROM + 4_000_000L);

        var latency = Histograms.stats(receiver.latencyMicros());
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.max()).isBetween(6.99, 7.01);
        assertThat(latency.p50()).isBetween(2.99, 3.01);
    }

    @Test
    void warmupMessagesCountForLossButNotForLatency() {
        FanoutReceiver receiver = new FanoutReceiver(MEASURE_FROM);
        receiver.frame(message(1, MEASURE_FROM - 1), MEASURE_FROM + 500_000_000L);

        assertThat(receiver.latencyMicros().getTotalCount()).isZero();
        assertThat(receiver.ledger().distinct()).isEqualTo(1);
    }

    @Test
    void aDuplicateIsCountedButMeasuredOnce() {
        FanoutReceiver receiver = new FanoutReceiver(MEASURE_FROM);
        receiver.frame(message(1, MEASURE_FROM), MEASURE_FROM + 1_000_000L);
        receiver.frame(message(1, MEASURE_FROM), MEASURE_FROM + 90_000_000L);

        assertThat(receiver.latencyMicros().getTotalCount()).isEqualTo(1);
        assertThat(receiver.ledger().duplicates()).isEqualTo(1);
    }

    @Test
    void otherFramesAreCountedByType() {
        FanoutReceiver receiver = new FanoutReceiver(MEASURE_FROM);
        receiver.frame("{\"type\":\"presence\",\"userId\":\"" + UUID.randomUUID() + "\",\"status\":\"online\"}", 1);
        receiver.frame("{\"type\":\"presence\",\"userId\":\"" + UUID.randomUUID() + "\",\"status\":\"away\"}", 2);

        assertThat(receiver.otherFrames()).containsEntry("presence", 2L);
        assertThat(receiver.ledger().frames()).isZero();
    }

    @Test
    void framesAreReadWithoutAJsonTree() {
        String ack = "{\"type\":\"ack\",\"clientId\":\"f12\",\"message\":{\"id\":\"x\",\"seq\":13,\"body\":\"b\"}}";

        assertThat(Frames.type(ack)).isEqualTo("ack");
        assertThat(Frames.number(ack, "seq")).isEqualTo(13);
        assertThat(Frames.text(ack, "clientId")).isEqualTo("f12");
        assertThat(Frames.number(ack, "missing")).isEqualTo(-1);
        assertThat(Frames.text(ack, "missing")).isNull();
        assertThat(Frames.type("[1,2]")).isEmpty();
    }
}
