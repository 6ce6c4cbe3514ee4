package io.secureconnect.bench.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadOutcome;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.report.BenchmarkResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The parts of the login benchmark that need no server: running two loads at once, and reading the results. */
class LoginBenchmarkUnitTest {

    private final LoginBenchmark benchmark = new LoginBenchmark();

    @Test
    void concurrentlyRunsBothMeasurementsAtTheSameTime() throws Exception {
        // given two measurements that can only finish once both have started
        CountDownLatch bothStarted = new CountDownLatch(2);
        BenchmarkResult first = result("a", 20, 400, 0, latency(40, 50), 20);
        BenchmarkResult second = result("b", 100, 2_000, 0, latency(1, 2), 100);

        // when
        List<BenchmarkResult> results = LoginBenchmark.concurrently(
                () -> meet(bothStarted, first), () -> meet(bothStarted, second));

        // then neither waited for the other, and the results keep their order
        assertThat(results).containsExactly(first, second);
    }

    @Test
    void concurrentlyPassesOnAFailureOfEitherMeasurement() {
        assertThatThrownBy(() -> LoginBenchmark.concurrently(
                () -> {
                    throw new IOException("the load broke");
                },
                () -> result("b", 1, 1, 0, latency(1, 1), 1)))
                .isInstanceOf(IOException.class).hasMessage("the load broke");
    }

    @Test
    void estimatesTheArgon2CostFromAnUnsaturatedLoginPhase() {
        List<String> notes = benchmark.notes(List.of(
                result(LoginBenchmark.LOGIN, 20, 400, 0, latency(45, 80), 20),
                result(LoginBenchmark.LOGIN_SATURATING, 20, 400, 0, latency(60, 150), 20),
                result(LoginBenchmark.ME_DURING_LOGINS, 100, 2_000, 0, latency(2, 9), 100),
                result(LoginBenchmark.ME_ALONE, 100, 2_000, 0, latency(1.5, 3), 100)));

        assertThat(notes).hasSize(3);
        assertThat(notes.get(0)).contains("Logins alone: 20.00 successful logins/s of 20/s intended")
                .contains("at most 45.0 ms").contains("about 22 logins/s")
                // 20/s × 45 ms: logins overlapped often enough that p50 is only an upper bound
                .contains("On average 0.90 logins were in progress").contains("a lower --rate gives a tighter");
        assertThat(notes.get(1)).startsWith("While users/me ran too: 20.00 successful logins/s of 20/s");
        assertThat(notes.get(2)).contains("9.000 ms / 3.000 ms = ×3.00");
    }

    @Test
    void saysWhatTheSecondFactorAddsOnlyWhenBothPhasesKeptUp() {
        BenchmarkResult password = result(LoginBenchmark.LOGIN, 4, 120, 0, latency(110, 330), 4);
        BenchmarkResult totp = result(LoginBenchmark.LOGIN_TOTP, 4, 120, 0, latency(132, 371), 4);
        BenchmarkResult queued = result(LoginBenchmark.LOGIN, 10, 300, 32, latency(1_057, 1_547), 8.7);

        assertThat(benchmark.notes(List.of(password, totp)))
                .anyMatch(note -> note.startsWith("Sign-in with TOTP (login, then POST /mfa/verify): p50 132.000 ms")
                        && note.contains("The second factor adds 22.000 ms at p50 and 41.000 ms at p99"));
        assertThat(benchmark.notes(List.of(queued, totp)))
                .anyMatch(note -> note.contains("Phase A did not keep up, so the difference is queueing")
                        && !note.contains("adds"));
    }

    @Test
    void callsTheP50OfRareLoginsCloseToTheBareCost() {
        String note = benchmark.notes(List.of(result(LoginBenchmark.LOGIN, 5, 100, 0, latency(45, 60), 5)))
                .getFirst();

        assertThat(note).contains("at most 45.0 ms").contains("0.23 logins were in progress")
                .contains("close to the bare cost");
    }

    @Test
    void saysWhichPhasesDidNotRunWhenTheServiceDidNotRecover() {
        BenchmarkResult phaseA = result(LoginBenchmark.LOGIN, 40, 800, 554, latency(5_000, 5_000), 12);
        BenchmarkResult phaseB = result(LoginBenchmark.LOGIN_SATURATING, 40, 800, 793, latency(5_000, 5_000), 0.35);

        assertThat(benchmark.notes(List.of(phaseA)))
                .anyMatch(note -> note.startsWith("Phases B and C (logins with users/me, users/me alone) did not run")
                        && note.contains("after phase A"));
        assertThat(benchmark.notes(List.of(phaseA, phaseB)))
                .anyMatch(note -> note.startsWith("Phase C (users/me alone) did not run") && note.contains("after phase B"));
    }

    @Test
    void doesNotCallQueueingTheCostOfALogin() {
        // given logins at 60/s of which only 40/s got through, the rest refused with 503 after queueing
        BenchmarkResult overloaded = result(LoginBenchmark.LOGIN, 60, 1_200, 400, latency(2_500, 5_000), 40);

        String note = benchmark.notes(List.of(overloaded)).getFirst();

        assertThat(LoginBenchmark.saturated(overloaded)).isTrue();
        assertThat(note).contains("40.00 successful logins/s of 60/s").contains("400 non-2xx (503×400)")
                .contains("did not keep up").contains("lower --rate").doesNotContain("Estimated")
                .doesNotContain("client timeout");
    }

    @Test
    void pointsAtTheClientTimeoutWhenEveryFailedLoginTimedOut() {
        // given 40/s where every failure was the client giving up after its 5 s
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("non-2xx", 0L);
        errors.put("timeout", 799L);
        LoadOutcome outcome = new LoadOutcome(800, 800, 1, 799, 0, errors, Map.of(), latency(5_000, 5_010), 32, 0.05,
                LatencyStats.EMPTY, 0);

        String note = benchmark.notes(List.of(new BenchmarkResult(LoginBenchmark.LOGIN, "target",
                LoadProfile.DEFAULTS.withRate(40), outcome))).getFirst();

        assertThat(note).contains("errors: 799 timeout").contains("Every failure was a client timeout")
                .contains("longer --timeout");
    }

    private static BenchmarkResult meet(CountDownLatch bothStarted, BenchmarkResult result)
            throws InterruptedException {
        bothStarted.countDown();
        assertThat(bothStarted.await(5, TimeUnit.SECONDS)).as("the other measurement started").isTrue();
        return result;
    }

    private static LatencyStats latency(double p50, double p99) {
        return new LatencyStats(1_000, p50, p50, p50, p99, p99, p99, p50);
    }

    /** 20 s of load at the rate; {@code failed} are 503s. */
    private static BenchmarkResult result(String label, double rate, long scheduled, long failed,
                                          LatencyStats latency, double goodput) {
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("non-2xx", failed);
        errors.put("timeout", 0L);
        Map<String, Long> statuses = failed == 0 ? Map.of() : Map.of("503", failed);
        LoadOutcome outcome = new LoadOutcome(scheduled, scheduled, scheduled - failed, failed, 0, errors, statuses,
                latency, scheduled / 20.0, goodput, LatencyStats.EMPTY, 0);
        return new BenchmarkResult(label, "target", LoadProfile.DEFAULTS.withRate(rate), outcome);
    }
}
