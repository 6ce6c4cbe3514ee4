package io.secureconnect.bench.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one {@link Mode} measured, filled in run by run. */
final class ModeResults {

    final Mode mode;
    /** Per service started alone: "ready in" seconds, and the wall time of the whole {@code start} command. */
    final Map<String, Samples> aloneReady = new LinkedHashMap<>();
    final Map<String, Samples> aloneWall = new LinkedHashMap<>();
    /** All five at once: first launch to last ready, each service's own "ready in", the {@code up} wall time. */
    final Samples allReady = new Samples();
    final Map<String, Samples> togetherReady = new LinkedHashMap<>();
    final Samples upWall = new Samples();
    /** VmRSS in MiB, the idle wait after all five were ready; and their sum. */
    final Map<String, Samples> idleRss = new LinkedHashMap<>();
    final Samples idleRssTotal = new Samples();
    /** The java command line of the first service, from /proc, as the launcher ran it in this mode. */
    String javaCommand;
    /** Seconds {@code ./secureconnect prepare} took; null when it was not run. */
    Double prepareSeconds;
    /** What the preparation did besides waiting: its build and training lines, shortened for the report. */
    String prepareWork;
    /** Why this mode was not measured (its preparation failed); null when it was. */
    String skipped;
    /** Runs that did more than start (a build, caches made on the way) and runs that failed, for the report. */
    final List<String> events = new ArrayList<>();
    /** Whether a launcher run of this mode has succeeded yet: the first one failing stops the benchmark. */
    boolean anySucceeded;

    ModeResults(Mode mode, List<String> services, List<String> allServices) {
        this.mode = mode;
        for (String service : services) {
            aloneReady.put(service, new Samples());
            aloneWall.put(service, new Samples());
        }
        for (String service : allServices) {
            togetherReady.put(service, new Samples());
            idleRss.put(service, new Samples());
        }
    }
}
