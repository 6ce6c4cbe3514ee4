package io.secureconnect.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the command lines that start the service jars, tuned for five JVMs sharing two cores, where startup
 * dominates a test run:
 * <ul>
 * <li>lean options: C1 only, serial GC, small heaps and stacks;</li>
 * <li>each fat jar is extracted once (Boot's {@code -Djarmode=tools extract}) into plain jars on a class path,
 *     which alone starts faster than the nested-jar launcher, and lets the JVM archive the application's
 *     classes (it cannot archive classes from nested jars);</li>
 * <li>a dynamic CDS archive per service ({@code -XX:+AutoCreateSharedArchive}): written when the service stops
 *     on its first run, then mapped at startup instead of loading and verifying those classes again.</li>
 * </ul>
 * Measured on two cores with all five starting at once: about 18 s from the fat jars, 14 s extracted, 8 s with
 * the archives (17 s on the first run, which writes them). A Java 25 AOT cache ({@code -XX:AOTCacheOutput})
 * starts in 7 s, but assembling it adds about a minute to every first run, which is every CI run.
 *
 * <p>The extraction and archive live in {@code target/system-tests/jvm/<service>/} across runs; a changed jar is
 * extracted again, and the JVM itself replaces an archive that no longer matches (new jars, JDK or options).
 * {@code -Dsc.systemtests.cds=false} turns the archive off.
 */
final class JvmLauncher {

    private static final List<String> LEAN_OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:+UseCompactObjectHeaders",
            "-Xms32m",
            "-Xmx256m",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m");
    private static final String STAMP = "extracted-from.txt";
    private static final String ARCHIVE = "app.jsa";

    private final Workspace workspace;
    private final boolean classDataSharing = Boolean.parseBoolean(System.getProperty("sc.systemtests.cds", "true"));
    private final Set<Service> creatingArchive = EnumSet.noneOf(Service.class);

    JvmLauncher(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Extracts every jar whose extraction is missing or stale, all at once. */
    void prepare() {
        var extractions = new ArrayList<Extraction>();
        for (var service : Service.values()) {
            if (!stamp(service).equals(readStamp(service))) {
                extractions.add(Extraction.start(service, workspace.jar(service), temporaryDirectory(service)));
            }
        }
        for (var extraction : extractions) {
            extraction.awaitSuccess();
            publish(extraction);
        }
    }

    List<String> command(Service service) {
        var command = new ArrayList<String>();
        command.add(java().toString());
        command.addAll(LEAN_OPTIONS);
        if (classDataSharing) {
            var archive = directory(service).resolve(ARCHIVE);
            if (Files.notExists(archive)) {
                creatingArchive.add(service);
            }
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + archive);
        }
        command.add("-jar");
        command.add(directory(service).resolve(service.module() + ".jar").toString());
        return command;
    }

    /** How the service was started, for the startup report. */
    String mode(Service service) {
        return !classDataSharing ? "no CDS archive" : creatingArchive.contains(service) ? "creating CDS archive"
                : "CDS archive";
    }

    /**
     * Deletes the archives this run created when the system did not start: they hold the classes of a failed
     * start, and the JVM would keep using them since they still match.
     */
    void discardArchivesOfFailedStart() {
        for (var service : creatingArchive) {
            try {
                Files.deleteIfExists(directory(service).resolve(ARCHIVE));
            } catch (IOException e) {
                System.err.println("could not delete the CDS archive of " + service + ": " + e.getMessage());
            }
        }
    }

    private Path directory(Service service) {
        return workspace.target().resolve("system-tests/jvm").resolve(service.module());
    }

    private Path temporaryDirectory(Service service) {
        return directory(service).resolveSibling(service.module() + ".extracting-" + ProcessHandle.current().pid());
    }

    /** What the extraction was made from; anything different extracts again (and drops the archive). */
    private String stamp(Service service) {
        var jar = workspace.jar(service);
        try {
            return String.join("\n", jar.toString(), String.valueOf(Files.size(jar)),
                    String.valueOf(Files.getLastModifiedTime(jar).toMillis()), System.getProperty("java.home"),
                    Runtime.version().toString(), String.join(" ", LEAN_OPTIONS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private String readStamp(Service service) {
        try {
            var file = directory(service).resolve(STAMP);
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Replaces the old extraction (and its now stale archive) with the new one. */
    private void publish(Extraction extraction) {
        var service = extraction.service();
        try {
            Files.writeString(extraction.destination().resolve(STAMP), stamp(service), StandardCharsets.UTF_8);
            deleteRecursively(directory(service));
            Files.move(extraction.destination(), directory(service), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the extracted " + service, e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** One {@code java -Djarmode=tools -jar <jar> extract} process. */
    private record Extraction(Service service, Path destination, Process process, Path log) {

        static Extraction start(Service service, Path jar, Path destination) {
            try {
                deleteRecursively(destination);
                Files.createDirectories(destination.getParent());
                var log = destination.resolveSibling(destination.getFileName() + ".log");
                var process = new ProcessBuilder(java().toString(), "-Djarmode=tools", "-jar", jar.toString(),
                        "extract", "--destination", destination.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                return new Extraction(service, destination, process, log);
            } catch (IOException e) {
                throw new UncheckedIOException("could not extract " + jar, e);
            }
        }

        void awaitSuccess() {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("extracting " + service + " took longer than 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("extracting " + service + " failed:\n" + Files.readString(log));
                }
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while extracting " + service, e);
            }
        }
    }
}
