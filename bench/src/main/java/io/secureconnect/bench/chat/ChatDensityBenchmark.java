package io.secureconnect.bench.chat;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.Benchmark;
import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.report.BenchmarkResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * How many idle {@code /ws/chat} connections one chat-service holds, and what each costs: the benchmark opens them
 * in steps (one user per connection, each pinging every 30 s as idle clients do), and at each step measures the
 * service's heap after a full GC, its RSS and its open files; the slope over the steps is the cost per connection.
 */
public final class ChatDensityBenchmark implements Benchmark {

    private static final int DEFAULT_CONNECTIONS = 20_000;
    /** File descriptors left free for everything else the processes open (jars, database, Redis, logs). */
    private static final int FD_RESERVE = 150;
    private static final double HEAP_STOP = 0.9;

    private final List<String> notes = new ArrayList<>();

    @Override
    public String name() {
        return "chat-density";
    }

    @Override
    public String description() {
        return "Idle WebSocket connections held by one chat-service (-Xmx1g): heap after GC and RSS per connection.";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connections", "idle connections to open, one user each (default 20000; capped by the "
                + "open-files limit of either process)");
        options.put("step", "connections opened between two measurements (default 1000); opening stops early when "
                + "more than 10% of a step fail or live heap passes 90% of the service's -Xmx");
        options.put("parallel", "handshakes in flight at once (default 200)");
        options.put("hold", "how long to hold them all before the last measurement (default 30s)");
        options.putAll(ChatRig.options());
        return options;
    }

    private record Checkpoint(long connections, long gauge, long heapBytes, long rssKib, long openFiles,
                              double seconds) {
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        notes.clear();
        int wanted = Integer.parseInt(context.option("connections", null, String.valueOf(DEFAULT_CONNECTIONS)));
        int step = Integer.parseInt(context.option("step", null, "1000"));
        int parallel = Integer.parseInt(context.option("parallel", null, "200"));
        Duration hold = DurationText.parse(context.option("hold", null, "30s"));
        String loadBefore = ChatResults.loadAverage();
        try (ChatRig rig = ChatRig.start(context, name(), Map.of())) {
            ChatServiceProcess service = rig.service();
            long pid = service.pid();
            long serverRoom = ProcStats.maxOpenFiles(pid) - ProcStats.openFiles(pid) - FD_RESERVE;
            long self = ProcessHandle.current().pid();
            long clientRoom = ProcStats.maxOpenFiles(self) - ProcStats.openFiles(self) - FD_RESERVE;
            int target = (int) Math.min(wanted, Math.min(serverRoom, clientRoom));
            if (target < wanted) {
                notes.add(("Asked for %d connections but opened at most %d: the open-files limit is %d for "
                        + "chat-service (%d files open at start) and %d for this client (hard limit, cannot be "
                        + "raised here), and each connection is one file descriptor on each side.").formatted(wanted,
                        target, ProcStats.maxOpenFiles(pid), ProcStats.openFiles(pid), ProcStats.maxOpenFiles(self)));
                context.progress(notes.getLast());
            }
            if (target < 1) {
                throw new BenchmarkFailure("no room for a single connection");
            }
            List<BenchmarkResult> results = measure(context, rig, target, Math.max(1, step), parallel, hold,
                    ChatRig.bytes(context.option("service-heap", null, "1g")));
            notes.add(rig.describe() + ". Each socket pings every " + Heartbeats.PROTOCOL_INTERVAL.toSeconds()
                    + " s (the ready frame's heartbeatSeconds), as an idle client does.");
            notes.add(rig.redisDegradation() + ".");
            notes.add(ChatResults.loadNote(loadBefore, ChatResults.loadAverage()));
            return results;
        }
    }

    private List<BenchmarkResult> measure(BenchContext context, ChatRig rig, int target, int step, int parallel,
                                          Duration hold, long maxHeapBytes) throws Exception {
        ChatServiceProcess service = rig.service();
        Map<String, Long> frames = new ConcurrentHashMap<>();
        BenchSocket.Handler counting = (text, at) -> frames.merge(Frames.type(text), 1L, Long::sum);
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<BenchSocket> sockets = new ArrayList<>();
        long started = System.nanoTime();
        checkpoints.add(checkpoint(service, 0, started));
        context.progress("baseline: " + describe(checkpoints.getLast()));
        try (SocketFleet fleet = new SocketFleet(rig.socketUri(), target, Duration.ofSeconds(60));
             Heartbeats heartbeats = new Heartbeats(Heartbeats.PROTOCOL_INTERVAL)) {
            int opened = 0;
            String stoppedBecause = null;
            int nextStep = step;
            while (opened < target && stoppedBecause == null) {
                int upTo = Math.min(target, opened + nextStep);
                List<String> tokens = new ArrayList<>();
                for (int i = opened; i < upTo; i++) {
                    tokens.add(rig.tokens().accessToken(UUID.randomUUID()));
                }
                long stepStart = System.nanoTime();
                List<BenchSocket> batch = fleet.connect(tokens, i -> counting, parallel, heartbeats::add);
                long stepNanos = System.nanoTime() - stepStart;
                sockets.addAll(batch);
                opened = upTo;
                if (!service.isAlive()) {
                    stoppedBecause = "chat-service died:\n" + service.tail();
                    break;
                }
                long open = sockets.stream().filter(Objects::nonNull).filter(BenchSocket::isOpen).count();
                checkpoints.add(checkpoint(service, open, started));
                Checkpoint now = checkpoints.getLast();
                context.progress("%d opened (%.0f handshakes/s): %s".formatted(opened,
                        tokens.size() / (stepNanos / 1e9), describe(now)));
                Checkpoint before = checkpoints.get(checkpoints.size() - 2);
                long heapLimit = (long) (maxHeapBytes * HEAP_STOP);
                nextStep = HeapHeadroom.connectionsThatFit(before.connections(), before.heapBytes(),
                        now.connections(), now.heapBytes(), heapLimit, step);
                stoppedBecause = opened < target ? whyStop(batch, fleet, before, now, nextStep, step, maxHeapBytes)
                        : null;
            }
            if (stoppedBecause != null) {
                notes.add("Stopped opening connections at " + opened + ": " + stoppedBecause + ".");
                context.progress(notes.getLast());
            }
            double idleCpu = Double.NaN;
            Checkpoint last = checkpoints.getLast();
            if (service.isAlive()) {
                context.progress("holding %d connections for %s".formatted(opened, DurationText.format(hold)));
                idleCpu = idleCpu(service, hold);
                long open = sockets.stream().filter(Objects::nonNull).filter(BenchSocket::isOpen).count();
                last = checkpoint(service, open, started);
                checkpoints.add(last);
                context.progress("after holding: " + describe(last) + String.format(Locale.ROOT,
                        ", idle CPU %.0f%%", idleCpu));
            }
            Map<Integer, Long> closeCodes = sockets.stream().filter(Objects::nonNull)
                    .filter(socket -> socket.closed().isDone())
                    .collect(Collectors.groupingBy(socket -> socket.closed().join(), TreeMap::new,
                            Collectors.counting()));
            long attempted = sockets.size();
            long connected = sockets.stream().filter(Objects::nonNull).count();
            Map<String, Long> errors = new LinkedHashMap<>(fleet.failures());
            closeCodes.forEach((code, count) -> errors.put("closed " + code, count));
            long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
            List<BenchmarkResult> results = List.of(ChatResults.row("idle connections", rig.socketUri().toString(),
                    new LoadProfile(Math.max(1, attempted / (double) seconds), Duration.ofSeconds(seconds),
                            Duration.ZERO, parallel, Duration.ofSeconds(60)),
                    attempted, last.connections(), errors, fleet.handshakeMicros(), seconds, 0));
            summarize(checkpoints, last, idleCpu, heartbeats, frames, connected);
            sockets.stream().filter(Objects::nonNull).forEach(BenchSocket::abort);
            return results;
        }
    }

    /** Why opening more connections makes no sense, or null to go on. */
    private static String whyStop(List<BenchSocket> batch, SocketFleet fleet, Checkpoint before, Checkpoint now,
                                  int nextStep, int step, long maxHeapBytes) {
        long failed = batch.stream().filter(Objects::isNull).count();
        if (failed * 10 > batch.size()) {
            return "%d of the last %d handshakes failed (%s)".formatted(failed, batch.size(), fleet.failures());
        }
        if (nextStep < Math.max(1, step / 10)) {
            double each = HeapHeadroom.bytesPerConnection(before.connections(), before.heapBytes(), now.connections(),
                    now.heapBytes());
            return ("at %.0f KiB of heap per connection, fewer than %d more would fit under %.0f%% of the %.0f MiB "
                    + "heap (live heap now %.0f MiB); going on would only measure an OutOfMemoryError")
                    .formatted(each / 1024, Math.max(1, step / 10), HEAP_STOP * 100, mib(maxHeapBytes),
                            mib(now.heapBytes()));
        }
        return null;
    }

    /** The service's CPU use while the connections only ping, in percent of one core. */
    private static double idleCpu(ChatServiceProcess service, Duration hold) throws Exception {
        long cpuBefore = ProcStats.cpuTicks(service.pid());
        long holdStart = System.nanoTime();
        Thread.sleep(hold);
        return ProcStats.cpuPercent(cpuBefore, ProcStats.cpuTicks(service.pid()), holdStart, System.nanoTime());
    }

    private void summarize(List<Checkpoint> checkpoints, Checkpoint last, double idleCpu, Heartbeats heartbeats,
                           Map<String, Long> frames, long connected) {
        Checkpoint base = checkpoints.getFirst();
        List<LinearFit.Point> heap = new ArrayList<>();
        List<LinearFit.Point> rss = new ArrayList<>();
        for (Checkpoint checkpoint : checkpoints) {
            heap.add(new LinearFit.Point(checkpoint.connections(), checkpoint.heapBytes()));
            rss.add(new LinearFit.Point(checkpoint.connections(), checkpoint.rssKib() * 1024.0));
        }
        double heapSlope = LinearFit.of(heap).slope();
        double rssSlope = LinearFit.of(rss).slope();
        long n = Math.max(1, last.connections());
        notes.add(String.format(Locale.ROOT, "Held %d idle connections at once (service gauge "
                        + "websocket_connections %d, %d open files); %d of them connected in all. Target ≥ 20,000 "
                        + "with heap ≤ 1 GiB: %s.", last.connections(), last.gauge(), last.openFiles(), connected,
                last.connections() >= 20_000 && last.heapBytes() <= 1L << 30 ? "met"
                        : "NOT met (" + last.connections() + " held; see above what stopped it)"));
        notes.add(String.format(Locale.ROOT, "Heap after a full GC: %.1f MiB with no connection, %.1f MiB with %d "
                        + "(-Xmx1g); %.1f KiB per connection (least-squares slope over %d measurements; "
                        + "(last - first) / n gives %.1f KiB). At that rate 20,000 connections take %.0f MiB of heap.",
                mib(base.heapBytes()), mib(last.heapBytes()), last.connections(), heapSlope / 1024,
                checkpoints.size(), (last.heapBytes() - base.heapBytes()) / 1024.0 / n,
                mib(base.heapBytes() + heapSlope * 20_000)));
        notes.add(String.format(Locale.ROOT, "RSS: %.0f MiB with no connection, %.0f MiB with %d; %.1f KiB per "
                        + "connection (slope; (last - first) / n gives %.1f KiB).", base.rssKib() / 1024.0,
                last.rssKib() / 1024.0, last.connections(), rssSlope / 1024,
                (last.rssKib() - base.rssKib()) / (double) n));
        notes.add(String.format(Locale.ROOT, "With all of them idle, chat-service used %.0f%% of one core (pings "
                        + "every 30 s: %d sent, %d failed; frames received: %s).", idleCpu, heartbeats.sent(),
                heartbeats.failed(), new TreeMap<>(frames)));
        StringBuilder table = new StringBuilder("Measurements (connections → heap after GC / RSS / open files, at "
                + "seconds into the run): ");
        table.append(checkpoints.stream().map(ChatDensityBenchmark::describe).collect(Collectors.joining("; ")));
        notes.add(table.toString());
    }

    private static Checkpoint checkpoint(ChatServiceProcess service, long connections, long started)
            throws IOException, InterruptedException {
        long heap = service.liveHeapBytes();
        long gauge = (long) PrometheusText.sum(service.metrics(), "websocket_connections", "");
        return new Checkpoint(connections, gauge, heap, ProcStats.rssKib(service.pid()),
                ProcStats.openFiles(service.pid()), (System.nanoTime() - started) / 1e9);
    }

    private static String describe(Checkpoint checkpoint) {
        return String.format(Locale.ROOT, "%d → %.1f MiB / %.0f MiB / %d at %.0f s", checkpoint.connections(),
                mib(checkpoint.heapBytes()), checkpoint.rssKib() / 1024.0, checkpoint.openFiles(),
                checkpoint.seconds());
    }

    private static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        return List.copyOf(notes);
    }
}
