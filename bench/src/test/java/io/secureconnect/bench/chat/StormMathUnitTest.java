package io.secureconnect.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reconnect backoff, and the arithmetic behind the density and CPU figures. */
class StormMathUnitTest {

    @Test
    void backoffCeilingDoublesFromHalfASecondUpToThirtySeconds() {
        Backoff backoff = Backoff.PROTOCOL;

        assertThat(backoff.ceilingMillis(0)).isEqualTo(500);
        assertThat(backoff.ceilingMillis(1)).isEqualTo(1_000);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(16_000);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(30_000);
        assertThat(backoff.ceilingMillis(100)).isEqualTo(30_000);
    }

    @Test
    void backoffDelaysAreSpreadOverTheWholeRange() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long delay = backoff.delayMillis(3, random);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isBetween(0L, 20L);
        assertThat(max).isBetween(780L, 800L);
    }

    @Test
    void procFilesAreParsed() {
        String stat = "4242 (java (chat) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 60 0 99 1 2 3";
        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(1234 + 567);
        assertThat(ProcStats.rssKib("Name:\tjava\nVmPeak:\t 1 kB\nVmRSS:\t  524288 kB\nThreads:\t60\n"))
                .isEqualTo(524_288);
        assertThat(ProcStats.cpuPercent(100, 250, 0, 1_000_000_000L)).isCloseTo(150, within(0.001));
    }

    @Test
    void prometheusSamplesAreSummedByLabel() {
        String metrics = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                jvm_memory_used_bytes_total 9
                websocket_connections 1701.0
                """;
        assertThat(PrometheusText.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(4.0E7);
        assertThat(PrometheusText.sum(metrics, "websocket_connections", "")).isEqualTo(1701);
        assertThat(PrometheusText.sum(metrics, "absent", "")).isNaN();
    }

    @Test
    void costPerConnectionIsTheSlopeAndHeadroomStopsBeforeTheHeapEnds() {
        LinearFit fit = LinearFit.of(List.of(new LinearFit.Point(0, 35), new LinearFit.Point(1_000, 300),
                new LinearFit.Point(2_000, 565)));
        assertThat(fit.slope()).isCloseTo(0.265, within(1e-9));
        assertThat(fit.intercept()).isCloseTo(35, within(1e-9));

        assertThat(HeapHeadroom.connectionsThatFit(2_000, 550, 3_000, 800, 900, 1_000)).isEqualTo(400);
        assertThat(HeapHeadroom.connectionsThatFit(2_000, 550, 3_000, 800, 10_000, 1_000)).isEqualTo(1_000);
        assertThat(HeapHeadroom.connectionsThatFit(2_000, 550, 3_000, 950, 900, 1_000)).isZero();
        assertThat(ChatRig.bytes("1g")).isEqualTo(1L << 30);
        assertThat(ChatRig.bytes("512m")).isEqualTo(512L << 20);
    }
}
