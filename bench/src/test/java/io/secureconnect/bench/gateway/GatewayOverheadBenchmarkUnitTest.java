package io.secureconnect.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.load.LatencyStats;
import org.junit.jupiter.api.Test;

class GatewayOverheadBenchmarkUnitTest {

    @Test
    void ratesAreACommaSeparatedListOfPositiveNumbers() throws Exception {
        assertThat(GatewayOverheadBenchmark.rates("1000, 3000")).containsExactly(1000.0, 3000.0);
        assertThatThrownBy(() -> GatewayOverheadBenchmark.rates("1000,fast")).isInstanceOf(BenchmarkFailure.class);
        assertThatThrownBy(() -> GatewayOverheadBenchmark.rates("0")).isInstanceOf(BenchmarkFailure.class);
    }

    @Test
    void labelsNameTargetAndRate() {
        assertThat(GatewayOverheadBenchmark.label("gateway", 1000)).isEqualTo("gateway@1000");
        assertThat(GatewayOverheadBenchmark.label("nginx", 2.5)).isEqualTo("nginx@2.5");
    }

    @Test
    void theVerdictComparesTheGatewaysP99WithTheGoal() {
        LatencyStats direct = stats(1.0, 4.0);

        assertThat(GatewayOverheadBenchmark.verdict("1000", direct, stats(1.5, 7.2)))
                .contains("goal p99 <= 1.3 x direct + 2 ms = 7.200 ms: met");
        assertThat(GatewayOverheadBenchmark.verdict("1000", direct, stats(1.5, 7.3))).contains("NOT met");
    }

    private static LatencyStats stats(double p50, double p99) {
        return new LatencyStats(100, p50, p50, p99, p99, p99, p99, p50);
    }
}
