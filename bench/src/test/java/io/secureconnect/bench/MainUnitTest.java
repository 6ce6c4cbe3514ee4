package io.secureconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench/run as a user sees it: exit status, the report on stdout, messages on stderr, files in the results folder. */
class MainUnitTest {

    @TempDir
    Path results;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void listShowsEveryBenchmarkWithItsOwnOptions() {
        int status = run(Map.of(), "--list");

        assertThat(status).isEqualTo(Main.OK);
        assertThat(out()).contains("health").contains("--gateway").contains("SC_BENCH_DIRECT");
    }

    @Test
    void healthReportsGatewayAndDirectSideBySideAndWritesTheResults() throws Exception {
        try (StubServer gateway = StubServer.healthy(); StubServer direct = StubServer.healthy()) {
            // given the gateway from the environment and the service from a flag
            int status = run(Map.of("SC_BENCH_GATEWAY", gateway.uri("/health").toString()),
                    "health", "--rate", "50", "--duration", "1s", "--warmup", "0s",
                    "--direct", direct.uri("/health").toString(), "--results", results.toString());

            assertThat(status).as(err()).isEqualTo(Main.OK);
            assertThat(out()).contains("| gateway | 50 | 50 | 50 | 0 | 0 |").contains("| direct | 50 | 50 | 50 | 0 | 0 |")
                    .contains("The gateway hop adds");
            assertThat(results.resolve("latest-health.md")).exists();
            try (var files = Files.list(results)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .anyMatch(name -> name.matches("health-\\d{8}T\\d{6}Z\\.json"));
            }
        }
    }

    @Test
    void healthFailsFastWithAHintWhenATargetDoesNotAnswer() {
        try (StubServer gateway = StubServer.healthy()) {
            long started = System.nanoTime();
            int status = run(Map.of(), "health", "--gateway", gateway.uri("/health").toString(),
                    "--direct", StubServer.nothingListening("/health").toString(), "--results", results.toString());

            assertThat(status).isEqualTo(Main.FAILED);
            assertThat(err()).contains("the direct target").contains("does not answer")
                    .contains("./secureconnect up").contains("SC_BENCH_DIRECT");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(gateway.requests()).isEqualTo(1);
            assertThat(results).isEmptyDirectory();
        }
    }

    @Test
    void anOptionTheBenchmarkDoesNotTakeIsAUsageError() {
        int status = run(Map.of(), "health", "--gatway", "http://127.0.0.1:8080/health");

        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err()).contains("health does not take --gatway");
    }

    @Test
    void anImpossibleLoadIsAUsageError() {
        int status = run(Map.of(), "health", "--rate", "0");

        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err()).contains("rate must be > 0");
    }

    private int run(Map<String, String> environment, String... args) {
        return Main.run(List.of(args), environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
