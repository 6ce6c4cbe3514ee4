package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (promtool, amtool, the backup scripts) and captures what it printed. A missing tool
 * fails the test with the package to install: .ci/run installs them, so absence is a broken machine, not a skip.
 */
final class Tool {

    record Result(int exitCode, String output) {
    }

    private Tool() {
    }

    static Result run(Path workingDirectory, Map<String, String> environment, String... command) {
        requireOnPath(command[0]);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Path output = Files.createTempFile("ops-tool", ".out");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("%s did not finish within 120 s", String.join(" ", command));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs the command and asserts it succeeded, showing its output when it did not. */
    static String succeed(Path workingDirectory, Map<String, String> environment, String... command) {
        Result result = run(workingDirectory, environment, command);
        assertThat(result.exitCode())
                .as("%s failed:%n%s", String.join(" ", command), result.output())
                .isZero();
        return result.output();
    }

    static String succeed(Path workingDirectory, String... command) {
        return succeed(workingDirectory, Map.of(), command);
    }

    private static void requireOnPath(String program) {
        if (program.contains("/")) {
            return;
        }
        List<String> searched = new ArrayList<>();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return;
            }
            searched.add(directory);
        }
        String debianPackage = switch (program) {
            case "promtool" -> "prometheus";
            case "amtool", "prometheus-alertmanager" -> "prometheus-alertmanager";
            case "pg_dump", "pg_restore", "psql" -> "postgresql-client";
            default -> program;
        };
        fail("%s is not installed (searched %s): apt-get install %s (.ci/run does this)", program, searched,
                debianPackage);
    }
}
