package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `./secureconnect` says to a user who types something it cannot do, before it builds or starts anything:
 * usage and exit status 2 for what it does not understand, and a port held by another program named, not a stack
 * trace. (Starting the suite itself is guarded by .ci/run-command, from a clean clone.)
 */
class LauncherCommandLineTest {

    private static final Path LAUNCHER = Repo.path("secureconnect");

    @TempDir
    Path dataDirectory;

    @Test
    void anUnknownCommandPrintsTheUsageAndExitsWithTwo() {
        Tool.Result result = launcher(Map.of(), "deploy");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unknown command 'deploy'").contains("Usage:").contains("up [-d|--detach]");
    }

    @Test
    void anUnknownServiceNamePrintsTheUsageAndExitsWithTwo() {
        Tool.Result result = launcher(Map.of(), "start", "mail-service");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unknown service 'mail-service'").contains("auth-service")
                .contains("Usage:");
    }

    @Test
    void anUnknownOptionOfUpPrintsTheUsageAndExitsWithTwo() {
        Tool.Result result = launcher(Map.of(), "up", "--daemon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unknown option for up: --daemon").contains("Usage:");
    }

    @Test
    void resetWithoutATerminalOrYesDeletesNothing() {
        Tool.Result result = launcher(Map.of(), "reset");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("--yes");
        assertThat(dataDirectory).exists();
    }

    @Test
    void aPortTakenByAnotherProgramIsReportedByNameBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Tool.Result result = launcher(Map.of("SC_AUTH_PORT", Integer.toString(taken.getLocalPort())),
                    "start", "auth-service");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output())
                    .contains("port " + taken.getLocalPort() + " for auth-service is already taken by pid "
                            + ProcessHandle.current().pid())
                    .doesNotContain("Exception").doesNotContain("Building");
        }
    }

    private Tool.Result launcher(Map<String, String> environment, String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = LAUNCHER.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("SC_DATA_DIR", dataDirectory.toString());
        settings.put("NO_COLOR", "1");
        return Tool.run(Repo.ROOT, settings, command);
    }
}
