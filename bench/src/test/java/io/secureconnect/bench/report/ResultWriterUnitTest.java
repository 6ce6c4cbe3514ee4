package io.secureconnect.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadOutcome;
import io.secureconnect.bench.load.LoadProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResultWriterUnitTest {

    private static final Instant STARTED = Instant.parse("2026-05-18T10:45:12.345Z");

    @TempDir
    Path results;

    @Test
    void writesJsonMarkdownAndTheLatestPageNamedByBenchmarkAndUtcTimestamp() throws Exception {
        BenchmarkRun run = run(result("gateway", 2, 503), result("direct", 0, 0));

        ResultWriter.Written written = new ResultWriter(results).write(run);

        assertThat(written.json()).hasFileName("health-20260518T104512Z.json");
        assertThat(written.markdown()).hasFileName("health-20260518T104512Z.md");
        assertThat(written.latest()).hasFileName("latest-health.md");
        assertThat(Files.list(results).map(path -> path.getFileName().toString()))
                .containsExactlyInAnyOrder("health-20260518T104512Z.json", "health-20260518T104512Z.md",
                        "latest-health.md");
        assertThat(written.latest()).hasSameTextualContentAs(written.markdown());
    }

    @Test
    void jsonCarriesMachineParametersAndEveryNumber() throws Exception {
        ResultWriter.Written written = new ResultWriter(results).write(run(result("gateway", 2, 503)));

        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(written.json()));

        assertThat(json.get("benchmark").asString()).isEqualTo("health");
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.get("machine").get("javaVersion").asString()).startsWith(String.valueOf(Runtime.version().feature()));
        JsonNode gateway = json.get("results").get(0);
        assertThat(gateway.get("parameters").get("ratePerSecond").asDouble()).isEqualTo(200);
        assertThat(gateway.get("parameters").get("timeout").asString()).isEqualTo("PT2S");
        assertThat(gateway.get("outcome").get("latencyMillis").get("p99").asDouble()).isEqualTo(9.5);
        assertThat(gateway.get("outcome").get("errors").get("non-2xx").asLong()).isEqualTo(2);
        assertThat(gateway.get("outcome").get("errorStatuses").get("503").asLong()).isEqualTo(2);
    }

    @Test
    void markdownPutsTheTargetsSideBySideInOneTable() throws Exception {
        ResultWriter.Written written = new ResultWriter(results).write(
                run(result("gateway", 2, 503), result("direct", 0, 0)));

        String markdown = Files.readString(written.markdown());

        assertThat(markdown)
                .contains("# Benchmark `health`")
                .contains("cores, Java " + Runtime.version())
                .contains("duration 30s, warmup 5s, max in flight 1000, timeout 2s")
                .contains("| target | rate/s | requests | ok | errors | dropped | p50 ms |")
                .contains("| gateway | 200 | 6000 | 5998 | 2 (non-2xx 2; 503×2) | 0 | 1.200 | 2.500 | 3.000 | 9.500 |")
                .contains("| direct | 200 | 6000 | 6000 | 0 | 0 | 1.200 |")
                .contains("> the gateway adds a little");
    }

    private static BenchmarkRun run(BenchmarkResult... results) {
        return new BenchmarkRun("health", "GET /health two ways.", List.of("--rate", "200"), STARTED,
                STARTED.plusSeconds(70), MachineFacts.current(), List.of(results), List.of("the gateway adds a little"));
    }

    private static BenchmarkResult result(String label, long non2xx, int status) {
        LoadProfile profile = new LoadProfile(200, Duration.ofSeconds(30), Duration.ofSeconds(5), 1_000,
                Duration.ofSeconds(2));
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("non-2xx", non2xx);
        errors.put("timeout", 0L);
        Map<String, Long> statuses = non2xx == 0 ? Map.of() : Map.of(String.valueOf(status), non2xx);
        LatencyStats latency = new LatencyStats(6_000, 1.2, 2.5, 3.0, 9.5, 20.1, 31.0, 1.4);
        LoadOutcome outcome = new LoadOutcome(6_000, 6_000, 6_000 - non2xx, non2xx, 0, errors, statuses, latency,
                199.9, 199.8, LatencyStats.EMPTY, 1_000);
        return new BenchmarkResult(label, "http://127.0.0.1:8080/health", profile, outcome);
    }
}
