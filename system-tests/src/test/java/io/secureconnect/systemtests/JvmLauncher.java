package io.secureconnect.systemtests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a service jar: the JDK running the tests, with options for five JVMs sharing two
 * cores (C1 only, serial GC, small heaps and stacks), since startup, not peak throughput, dominates a test run.
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

    private final SecureConnectSystem.Workspace workspace;

    JvmLauncher(SecureConnectSystem.Workspace workspace) {
        this.workspace = workspace;
    }

    List<String> command(Service service) {
        var command = new ArrayList<String>();
        command.add(java().toString());
        command.addAll(LEAN_OPTIONS);
        command.add("-jar");
        command.add(workspace.jar(service).toString());
        return command;
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
