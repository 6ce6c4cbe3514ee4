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

    @Test
    void labelsStayAsBeforeWhenOnlyThePublicRouteUnpinnedIsMeasured() {
        var plain = new GatewayOverheadBenchmark.Cell(GatewayRoute.PUBLIC, Pinning.UNPINNED, 1000, true);
        var qualified = new GatewayOverheadBenchmark.Cell(GatewayRoute.WEBSOCKET, Pinning.PINNED, 100, false);

        assertThat(plain.label("gateway")).isEqualTo("gateway@1000");
        assertThat(plain.heading()).isEqualTo("1000/s");
        assertThat(qualified.label("nginx")).isEqualTo("nginx@100/websocket/pinned");
        assertThat(qualified.heading()).isEqualTo("websocket, pinned, 100/s");
    }

    @Test
    void routesAndPinningsAreCommaSeparatedNames() throws Exception {
        assertThat(GatewayRoute.parse(GatewayRoute.DEFAULT_LIST))
                .containsExactly(GatewayRoute.PUBLIC, GatewayRoute.AUTHENTICATED, GatewayRoute.WEBSOCKET);
        assertThat(GatewayRoute.parse(" WebSocket ,public,public"))
                .containsExactly(GatewayRoute.WEBSOCKET, GatewayRoute.PUBLIC);
        assertThatThrownBy(() -> GatewayRoute.parse("public,private")).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("--routes");
        assertThat(Pinning.parse(Pinning.DEFAULT_LIST)).containsExactly(Pinning.UNPINNED, Pinning.PINNED);
        assertThatThrownBy(() -> Pinning.parse("glued")).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("--pinning");
        assertThatThrownBy(() -> GatewayOverheadBenchmark.rates("0", "--ws-rates"))
                .hasMessageContaining("--ws-rates");
    }

    @Test
    void theCpuNoteComparesGatewayWithNginx() {
        assertThat(GatewayOverheadBenchmark.cpuNote("public, pinned, 1000/s", 20.0, 150.0, 50.0, GatewayRoute.PUBLIC))
                .hasValue("public, pinned, 1000/s: CPU per request: direct (nginx stub) 20 us, gateway 150 us, "
                        + "nginx proxy 50 us; gateway/nginx 3.0 x, goal <= 3 x: met.");
        assertThat(GatewayOverheadBenchmark.cpuNote("x", null, 700.0, 100.0, GatewayRoute.WEBSOCKET))
                .hasValueSatisfying(note -> assertThat(note).contains("direct (WebSocket stub) n/a")
                        .contains("7.0 x, goal <= 3 x: NOT met"));
        assertThat(GatewayOverheadBenchmark.cpuNote("x", null, null, null, GatewayRoute.PUBLIC)).isEmpty();
    }

    @Test
    void cpuListsExpandRanges() {
        assertThat(CpuPinning.parseCpuList("0-2,5")).containsExactly(0, 1, 2, 5);
        assertThat(CpuPinning.parseCpuList("3")).containsExactly(3);
    }

    private static LatencyStats stats(double p50, double p99) {
        return new LatencyStats(100, p50, p50, p99, p99, p99, p99, p50);
    }
}
