package io.secureconnect.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Where a run finds the service jars ({@code <root>/<module>/target/<module>.jar}) and writes everything else:
 * {@code system-tests/target/system-tests/run-<pid>/} holds the services' logs ({@code logs/}), their captured
 * output ({@code <module>.out}) and data directories. One directory per test JVM, so a second build running the
 * system tests at the same time does not delete this one's logs.
 *
 * @param root   the checkout root
 * @param target system-tests' build directory
 * @param run    this run's directory
 */
record Workspace(Path root, Path target, Path run) {

    static Workspace locate() {
        var root = Path.of(System.getProperty("sc.systemtests.root", defaultRoot().toString()))
                .toAbsolutePath().normalize();
        var target = Path.of(System.getProperty("sc.systemtests.target",
                root.resolve("system-tests/target").toString())).toAbsolutePath().normalize();
        var run = target.resolve("system-tests").resolve("run-" + ProcessHandle.current().pid());
        return new Workspace(root, target, run);
    }

    /** The checkout root whether the JVM runs in it or in system-tests/ (IDE runs, plain failsafe). */
    private static Path defaultRoot() {
        var workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return workingDirectory.getFileName().toString().equals("system-tests")
                ? workingDirectory.getParent() : workingDirectory;
    }

    Path jar(Service service) {
        return root.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
    }

    Path logs() {
        return run.resolve("logs");
    }

    Path outputFile(Service service) {
        return run.resolve(service.module() + ".out");
    }

    Path dataDirectory(Service service, String kind) {
        return run.resolve("data").resolve(service.module()).resolve(kind);
    }

    /** Checks the jars exist and creates this run's directories, removing those of finished runs. */
    void prepare() {
        var missing = Arrays.stream(Service.values()).map(this::jar).filter(Files::notExists).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("service jars missing: " + missing + ". Run ./mvnw package first "
                    + "(./mvnw verify from the checkout root packages them before the system tests run).");
        }
        removeFinishedRuns();
        try {
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + logs(), e);
        }
    }

    private void removeFinishedRuns() {
        try (var runs = Files.list(Files.createDirectories(run.getParent()))) {
            runs.filter(dir -> dir.getFileName().toString().startsWith("run-"))
                    .filter(dir -> !isLiveRun(dir))
                    .forEach(Workspace::deleteRecursively);
        } catch (IOException e) {
            throw new UncheckedIOException("could not tidy " + run.getParent(), e);
        }
    }

    /** Another build running the system tests at the same time keeps its directory. */
    private static boolean isLiveRun(Path dir) {
        try {
            var pid = Long.parseLong(dir.getFileName().toString().substring("run-".length()));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
