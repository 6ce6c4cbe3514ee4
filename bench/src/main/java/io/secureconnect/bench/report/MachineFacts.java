package io.secureconnect.bench.report;

/** The machine a run was measured on; numbers from different machines are not comparable. */
public record MachineFacts(int cores, long maxHeapMb, String javaVersion, String javaVm, String os, String arch) {

    public static MachineFacts current() {
        return new MachineFacts(
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                Runtime.version().toString(),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }
}
