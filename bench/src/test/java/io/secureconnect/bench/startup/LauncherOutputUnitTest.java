package io.secureconnect.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the launcher's output: ready lines (coloured or not), launch-to-ready timing, other work, help. */
class LauncherOutputUnitTest {

    @Test
    void readsTheReadyLinesWithOrWithoutColours() {
        Launcher.Run run = run(
                line(0, "Started auth-service on port 18080 (pid 11, output in /tmp/x/logs/auth-service.out)"),
                line(5, "Started api-gateway on port 18084 (pid 12, output in /tmp/x/logs/api-gateway.out)"),
                line(10, "Waiting for readiness (timeout 180 s)..."),
                line(3_200, Launcher.stripColours("\u001B[32m  auth-service     ready in   3.2 s\u001B[0m")),
                line(12_350, "  api-gateway      ready in  12.3 s"),
                line(12_400, "SecureConnect is up"));

        assertThat(run.readySeconds()).containsExactly(java.util.Map.entry("auth-service", 3.2),
                java.util.Map.entry("api-gateway", 12.3));
        assertThat(run.firstLaunchToLastReadyMillis()).hasValue(12_350);
        assertThat(run.otherWork()).isEmpty();
    }

    @Test
    void noticesABuildOrCachesMadeOnTheWay() {
        Launcher.Run run = run(line(0, "Building auth-service (auth-service.jar is missing)"),
                line(1, "Built auth-service in 95.0 s"),
                line(2, "Preparing the start-up caches of auth-service (once per build; a training run each)..."),
                line(3, "  auth-service     ready in   1.9 s"));

        assertThat(run.otherWork()).hasSize(3);
        assertThat(run.firstLaunchToLastReadyMillis()).isEmpty();
    }

    @Test
    void findsTheDefaultJavaOptionsInTheHelp() {
        String help = """
                Environment (all optional):
                  SC_JAVA_HOME         JDK 25 to use (default /usr/lib/jvm/temurin-25-jdk-amd64)
                  SC_JAVA_OPTS         JVM options for every service (default: -XX:+UseSerialGC -Xmx384m)
                """;

        assertThat(Launcher.defaultJavaOptions(help)).hasValue("-XX:+UseSerialGC -Xmx384m");
        assertThat(Launcher.defaultJavaOptions("nothing here")).isEmpty();
    }

    @Test
    void namesThePortVariables() {
        assertThat(Launcher.portVariable("api-gateway")).isEqualTo("SC_GATEWAY_PORT");
        assertThat(Launcher.portVariable("storage-service")).isEqualTo("SC_STORAGE_PORT");
    }

    @Test
    void samplesGiveMedianMinMaxAndTheHouseRow() {
        Samples samples = new Samples();
        List.of(3.4, 3.1, 3.9, 3.3, 3.5).forEach(samples::add);
        samples.fail();

        assertThat(samples.describe(1)).isEqualTo("3.4 (3.1–3.9), 1 of 6 failed");
        assertThat(samples.list(1)).isEqualTo("3.4, 3.1, 3.9, 3.3, 3.5, 1 failed");
        assertThat(samples.asMillis().p50()).isEqualTo(3400.0);
        assertThat(samples.asMillis().p90()).isEqualTo(3900.0);
        assertThat(samples.asMillis().count()).isEqualTo(5);
        Samples even = new Samples();
        List.of(1.0, 2.0).forEach(even::add);
        assertThat(even.median()).isEqualTo(1.5);
    }

    private static Launcher.Line line(long millis, String text) {
        return new Launcher.Line(millis * 1_000_000, text);
    }

    private static Launcher.Run run(Launcher.Line... lines) {
        return new Launcher.Run("./secureconnect up --detach", 0, false, 1, List.of(lines), Path.of("out"));
    }
}
