package io.secureconnect.bench;

import io.secureconnect.bench.auth.LoginBenchmark;
import io.secureconnect.bench.chat.ChatDensityBenchmark;
import io.secureconnect.bench.chat.ChatFanoutBenchmark;
import io.secureconnect.bench.chat.ChatHistoryBenchmark;
import io.secureconnect.bench.chat.ChatReconnectStormBenchmark;
import io.secureconnect.bench.gateway.GatewayOverheadBenchmark;
import io.secureconnect.bench.health.HealthBenchmark;
import io.secureconnect.bench.startup.StartupBenchmark;
import io.secureconnect.bench.video.VideoBenchmark;
import java.util.List;
import java.util.Optional;

/** The benchmarks {@code bench/run} knows, in the order {@code --list} shows them. Adding one is adding a line. */
final class Benchmarks {

    private static final List<Benchmark> ALL = List.of(
            new HealthBenchmark(),
            new LoginBenchmark(),
            new GatewayOverheadBenchmark(),
            new ChatFanoutBenchmark(),
            new ChatDensityBenchmark(),
            new ChatHistoryBenchmark(),
            new ChatReconnectStormBenchmark(),
            new VideoBenchmark(),
            new StartupBenchmark());

    private Benchmarks() {
    }

    static List<Benchmark> all() {
        return ALL;
    }

    static Optional<Benchmark> named(String name) {
        return ALL.stream().filter(benchmark -> benchmark.name().equals(name)).findFirst();
    }
}
