package io.secureconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/run startup against a stand-in launcher: a bash script with the real one's commands and output lines, whose
 * "services" are sleep processes with pid files, faster when SC_FAST_START is not off.
 */
class StartupBenchmarkRunUnitTest {

    private static final String FAKE_LAUNCHER = """
            #!/usr/bin/env bash
            set -euo pipefail
            RUN=${SC_DATA_DIR:?}/run; mkdir -p "$RUN"
            echo "$SC_DATA_DIR ${SC_FAST_START:-default} $SC_AUTH_PORT $SC_GATEWAY_PORT $*" >>"$LOG"
            secs() { if [[ ${SC_FAST_START:-on} == off ]]; then echo "$1"; else echo "$2"; fi; }
            launch() {
              sleep 300 </dev/null >/dev/null 2>&1 &
              echo $! >"$RUN/$1.pid"
              echo "Started $1 on port 1 (pid $!)"
            }
            ready() { printf '\\e[32m  %-16s ready in %5s s\\e[0m\\n' "$1" "$2"; }
            stop() { if [[ -f $RUN/$1.pid ]]; then kill "$(cat "$RUN/$1.pid")"; rm "$RUN/$1.pid"; echo "  $1 stopped"; fi; }
            ALL=(auth-service chat-service video-service storage-service api-gateway)
            case ${1:-help} in
              help)    echo "  SC_JAVA_OPTS         JVM options for every service (default: -Xmx64m -XX:+UseSerialGC)"
                       if [[ -n ${KNOWS_PREPARE:-} ]]; then echo "  prepare              build the caches"; fi ;;
              prepare) echo "Building auth-service (auth-service.jar is missing)"; sleep 0.2
                       echo "Preparing the start-up caches of auth-service (once per build; a training run each)..." ;;
              start)   [[ $2 == video-service ]] && { echo "error: video-service exited during startup" >&2; exit 1; }
                       launch "$2"; ready "$2" "$(secs 3.4 2.1)" ;;
              stop)    stop "$2" ;;
              up)      for s in "${ALL[@]}"; do launch "$s"; done
                       for s in "${ALL[@]}"; do ready "$s" "$(secs 9.5 4.2)"; done ;;
              down)    for s in "${ALL[@]}"; do stop "$s"; done ;;
            esac
            """;

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void measuresBothModesAloneAndTogetherWithTheirRssAndJudgesTheTargets() throws Exception {
        Path launcher = fakeLauncher();
        Path log = folder.resolve("calls.log");

        int status = run(launcher, log, "1", "--repetitions", "2", "--services", "auth-service,chat-service",
                "--idle", "0s");

        assertThat(status).as(err()).isEqualTo(Main.OK);
        String report = out();
        assertThat(report)
                .contains("| reference: auth-service alone | 1 | 2 | 2 | 0 | 0 | 3400.000 |")
                .contains("| fast: auth-service alone | 1 | 2 | 2 | 0 | 0 | 2100.000 |")
                .contains("| fast: all five, api-gateway | 1 | 2 | 2 | 0 | 0 | 4200.000 |")
                .contains("> | auth-service | 3.4 (3.4–3.4), NOT met | 2.1 (2.1–2.1), met |")
                .contains("**reference**: alone met by 0 of 2, together met")
                .contains("**fast**: alone met by 2 of 2, together met")
                .contains("`./secureconnect prepare` before the runs | not run | 0.")
                .contains(" s (a build and the caches' training runs included) |")
                .contains("`-Xmx64m -XX:+UseSerialGC` (the launcher's default")
                .contains("> | RSS auth-service |")
                .contains("Machine load when the run started: load average").contains("load average at the end");
        List<String> calls = Files.readAllLines(log);
        // help, prepare (fast only), then the modes take turns: start/stop per service, then up/down
        assertThat(calls.get(1)).contains(" default ").endsWith(" prepare");
        assertThat(calls.stream().filter(call -> call.endsWith("start auth-service"))).hasSize(4);
        assertThat(calls.stream().filter(call -> call.endsWith(" up --detach"))).hasSize(4);
        assertThat(calls.get(2)).contains("/reference off ").endsWith("start auth-service");
        assertThat(calls.get(4)).contains("/fast default ").endsWith("start auth-service");
        // ports away from a suite on 8080-8084; every "service" stopped at the end
        assertThat(calls.getFirst().split(" ")[2]).isNotEqualTo("8081");
        try (Stream<Path> pids = Files.walk(Path.of(calls.getFirst().split(" ")[0]).getParent())) {
            assertThat(pids.filter(path -> path.toString().endsWith(".pid"))).isEmpty();
        }
        assertThat(folder.resolve("results").resolve("latest-startup.md")).exists();
    }

    @Test
    void aServiceThatNeverStartsIsCountedOnceTheModeHasWorked() throws Exception {
        int status = run(fakeLauncher(), folder.resolve("calls.log"), "", "--repetitions", "1",
                "--services", "auth-service,video-service", "--modes", "reference", "--idle", "0s");

        assertThat(status).as(err()).isEqualTo(Main.OK);
        assertThat(out()).contains("| reference: video-service alone | 1 | 1 | 0 | 1 (not-ready 1) |")
                .contains("| video-service | -, 1 of 1 failed, NOT met (never ready) |")
                .contains("reference: start video-service (1/1) failed: `./secureconnect start video-service` "
                        + "exited with status 1");
    }

    @Test
    void stopsAtOnceWhenTheFirstRunOfAModeFails() throws Exception {
        int status = run(fakeLauncher(), folder.resolve("calls.log"), "", "--services", "video-service",
                "--idle", "0s");

        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(err()).contains("reference: start video-service (1/5): `./secureconnect start video-service` "
                + "exited with status 1").contains("video-service exited during startup");
    }

    @Test
    void rejectsUnknownServicesAndModes() throws Exception {
        assertThat(run(fakeLauncher(), folder.resolve("calls.log"), "", "--services", "mail-service"))
                .isEqualTo(Main.FAILED);
        assertThat(err()).contains("--services: unknown service 'mail-service'");
        assertThat(run(fakeLauncher(), folder.resolve("calls.log"), "", "--modes", "turbo")).isEqualTo(Main.FAILED);
        assertThat(err()).contains("--modes: unknown mode 'turbo'");
    }

    private Path fakeLauncher() throws Exception {
        Path script = folder.resolve("checkout").resolve("secureconnect");
        Files.createDirectories(script.getParent());
        Files.writeString(script, FAKE_LAUNCHER);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** Runs bench with the fake launcher; KNOWS_PREPARE and LOG reach it through this JVM's environment. */
    private int run(Path launcher, Path log, String knowsPrepare, String... args) throws Exception {
        List<String> arguments = new java.util.ArrayList<>(List.of("startup", "--launcher", launcher.toString(),
                "--results", folder.resolve("results").toString()));
        arguments.addAll(List.of(args));
        // the launcher inherits this JVM's environment; the stand-in reads its settings from a wrapper instead
        Path wrapper = launcher.resolveSibling("wrapped-secureconnect");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nexport LOG='" + log + "' KNOWS_PREPARE='" + knowsPrepare
                + "'\nexec '" + launcher + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        arguments.set(2, wrapper.toString());
        return Main.run(arguments, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
