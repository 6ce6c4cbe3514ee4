package io.secureconnect.bench.chat;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.Benchmark;
import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.report.BenchmarkResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Thousands of connected clients lose their chat-service at once (killed with SIGKILL, or stopped gracefully) and
 * come back as the protocol asks: jittered exponential backoff, then {@code sync}. Messages are sent into every
 * group while the clients return; the run ends when every client is connected again and holds every message. It
 * reports how long that took, the service's CPU meanwhile, and how many presence frames the clients received.
 */
public final class ChatReconnectStormBenchmark implements Benchmark {

    private static final Duration CPU_SAMPLE = Duration.ofSeconds(1);

    private final List<String> notes = new ArrayList<>();

    @Override
    public String name() {
        return "chat-reconnect-storm";
    }

    @Override
    public String description() {
        return "Connected clients dropped at once by a chat-service restart reconnect with jittered backoff and sync: "
                + "time until all are back and caught up, service CPU, presence frames.";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("clients", "connected clients, one user each (default 5000)");
        options.put("group-size", "members per group; every client is in one group (default 100)");
        options.put("restart", "kill (SIGKILL, default) or graceful (SIGTERM, the service closes sockets with 1001)");
        options.put("messages", "messages sent into each group before the drop and again after the restart "
                + "(default 3)");
        options.put("patience", "how long to wait for everyone to catch up after the restart (default 120s)");
        options.putAll(ChatRig.options());
        return options;
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        notes.clear();
        int clients = Integer.parseInt(context.option("clients", null, "5000"));
        int groupSize = Integer.parseInt(context.option("group-size", null, "100"));
        int messages = Integer.parseInt(context.option("messages", null, "3"));
        String restart = context.option("restart", null, "kill");
        Duration patience = DurationText.parse(context.option("patience", null, "120s"));
        if (!restart.equals("kill") && !restart.equals("graceful")) {
            throw new BenchmarkFailure("--restart: kill or graceful, not '" + restart + "'");
        }
        String loadBefore = ChatResults.loadAverage();
        // 2g: at about 260 KiB of heap per connection (see chat-density) 1g holds fewer than 4,000 sockets
        try (ChatRig rig = ChatRig.start(context, name(), Map.of(), "2g")) {
            List<BenchmarkResult> results = storm(context, rig, clients, Math.max(2, groupSize), messages,
                    restart.equals("kill"), patience);
            notes.add(rig.describe() + ".");
            notes.add(rig.redisDegradation() + ".");
            notes.add(ChatResults.loadNote(loadBefore, ChatResults.loadAverage()));
            return results;
        }
    }

    private List<BenchmarkResult> storm(BenchContext context, ChatRig rig, int count, int groupSize, int messages,
                                        boolean kill, Duration patience) throws Exception {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(UUID.randomUUID());
        }
        List<UUID> groups = new ArrayList<>();
        List<ChatRest> owners = new ArrayList<>();
        createGroups(rig, users, groupSize, groups, owners);
        context.progress("%d users in %d groups; connecting them".formatted(count, groups.size()));
        List<StormClient> all = new ArrayList<>();
        try (SocketFleet fleet = new SocketFleet(rig.socketUri(), count, Duration.ofSeconds(60));
             Heartbeats heartbeats = new Heartbeats(Heartbeats.PROTOCOL_INTERVAL)) {
            StormClient.Shared shared = new StormClient.Shared(heartbeats);
            for (int i = 0; i < count; i++) {
                all.add(new StormClient(groups.get(i / groupSize), fleet.client(i), rig.socketUri(),
                        rig.tokens().accessToken(users.get(i)), Backoff.PROTOCOL, shared));
            }
            List<BenchSocket> sockets = fleet.connectAll(all.stream().map(StormClient::token).toList(), all::get,
                    100, socket -> { }, 3);
            if (!fleet.failures().isEmpty()) {
                notes.add("Setup: handshakes the service refused and the benchmark retried: " + fleet.failures()
                        + " (see the Redis degraded-mode note).");
            }
            long connected = sockets.stream().filter(Objects::nonNull).count();
            if (connected < count) {
                throw new BenchmarkFailure("only %d of %d clients connected: %s".formatted(connected, count,
                        fleet.failures()));
            }
            for (int i = 0; i < count; i++) {
                all.get(i).attach(sockets.get(i));
            }
            send(owners, groups, messages, "before");
            awaitCaughtUp(all, groups, owners, Long.MIN_VALUE, Duration.ofSeconds(60));
            Thread.sleep(Duration.ofSeconds(3)); // presence of the initial connects is announced and done with
            context.progress("all %d connected and holding %d messages each; %s chat-service".formatted(count,
                    messages, kill ? "killing (SIGKILL)" : "stopping (SIGTERM)"));

            long presenceBefore = shared.presenceFrames().get();
            long attemptsBefore = shared.attempts().get();
            ChatServiceProcess service = rig.service();
            long droppedAt = System.nanoTime();
            if (kill) {
                service.kill();
            } else {
                service.stopGracefully();
            }
            long downAt = System.nanoTime();
            service.start();
            CpuSampler cpu = new CpuSampler(service.pid(), CPU_SAMPLE);
            service.awaitReady();
            long readyAt = System.nanoTime();
            double cpuAtReady = ProcStats.cpuTicks(service.pid()) / (double) ProcStats.TICKS_PER_SECOND;
            context.progress("chat-service back after %.1f s (pid %d); sending %d messages into each group"
                    .formatted((readyAt - droppedAt) / 1e9, service.pid(), messages));
            send(owners, groups, messages, "after");
            Map<UUID, Long> targets = lastSeqs(owners, groups);
            boolean everyone = awaitCaughtUp(all, groups, owners, droppedAt, patience);
            long allCaughtUp = System.nanoTime();
            double cpuAtCaughtUp = ProcStats.cpuTicks(service.pid()) / (double) ProcStats.TICKS_PER_SECOND;
            Thread.sleep(Duration.ofSeconds(3)); // one more presence round (coalesced every 2 s)
            cpu.close();
            long presence = shared.presenceFrames().get() - presenceBefore;
            all.forEach(StormClient::stop);
            return report(context, all, targets, droppedAt, downAt, readyAt, allCaughtUp, everyone, cpu, presence,
                    shared, attemptsBefore, kill, groupSize, messages, cpuAtReady, cpuAtCaughtUp);
        }
    }

    /** Puts every {@code groupSize} consecutive users into a group owned by the first of them. */
    private static void createGroups(ChatRig rig, List<UUID> users, int groupSize, List<UUID> groups,
                                     List<ChatRest> owners) throws Exception {
        for (int from = 0; from < users.size(); from += groupSize) {
            List<UUID> members = users.subList(from, Math.min(users.size(), from + groupSize));
            ChatRest owner = rig.rest(members.getFirst());
            groups.add(owner.createGroup("storm-" + groups.size(), members.subList(1, members.size())));
            owners.add(owner);
        }
    }

    /** The newest sequence number of each group. */
    private static Map<UUID, Long> lastSeqs(List<ChatRest> owners, List<UUID> groups) throws Exception {
        Map<UUID, Long> targets = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            targets.put(groups.get(g), owners.get(g).lastSeq(groups.get(g)));
        }
        return targets;
    }

    /** Sends {@code messages} text messages into every group, from its owner, over REST (retrying a failed one). */
    private static void send(List<ChatRest> owners, List<UUID> groups, int messages, String phase) throws Exception {
        for (int g = 0; g < groups.size(); g++) {
            for (int m = 0; m < messages; m++) {
                String clientId = "storm-" + phase + "-" + m;
                for (int attempt = 0; owners.get(g).sendText(groups.get(g), clientId, clientId) / 100 != 2; attempt++) {
                    if (attempt == 10) {
                        throw new BenchmarkFailure("chat-service refused a message into group " + groups.get(g));
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    /** Waits until every client is back since {@code droppedAt} and holds its group's newest message. */
    private static boolean awaitCaughtUp(List<StormClient> all, List<UUID> groups, List<ChatRest> owners,
                                         long droppedAt, Duration patience) throws Exception {
        Map<UUID, Long> targets = lastSeqs(owners, groups);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (all.stream().allMatch(client -> droppedAt == Long.MIN_VALUE
                    ? client.ledger().contiguous() >= targets.get(client.group())
                    : client.caughtUpAtNanos(droppedAt, targets.get(client.group())) >= 0)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private List<BenchmarkResult> report(BenchContext context, List<StormClient> all, Map<UUID, Long> targets,
                                         long droppedAt, long downAt, long readyAt, long allCaughtUp,
                                         boolean everyone, CpuSampler cpu, long presence, StormClient.Shared shared,
                                         long attemptsBefore, boolean kill, int groupSize, int messages,
                                         double cpuAtReady, double cpuAtCaughtUp) {
        Histogram fromDrop = Histograms.micros();
        Histogram fromReady = Histograms.micros();
        long caughtUp = 0;
        long back = 0;
        long lastBack = droppedAt;
        long lastCaughtUp = droppedAt;
        for (StormClient client : all) {
            if (client.readyAtNanos() > droppedAt) {
                back++;
                lastBack = Math.max(lastBack, client.readyAtNanos());
            }
            long at = client.caughtUpAtNanos(droppedAt, targets.get(client.group()));
            if (at >= 0) {
                caughtUp++;
                lastCaughtUp = Math.max(lastCaughtUp, at);
                Histograms.recordNanos(fromDrop, at - droppedAt);
                Histograms.recordNanos(fromReady, Math.max(1_000, at - readyAt));
            }
        }
        int clients = all.size();
        double seconds = (allCaughtUp - droppedAt) / 1e9;
        LoadProfile load = new LoadProfile(clients / Math.max(1, seconds), Duration.ofNanos(allCaughtUp - droppedAt),
                Duration.ZERO, clients, Duration.ofSeconds(60));
        Map<String, Long> errors = Map.of("not caught up", (long) clients - caughtUp);
        String target = "%d clients, groups of %d, %s".formatted(clients, groupSize, kill ? "SIGKILL" : "SIGTERM");
        List<BenchmarkResult> results = List.of(
                ChatResults.row("caught up, from the drop", target, load, clients, caughtUp, errors, fromDrop,
                        seconds, 0),
                ChatResults.row("caught up, from service ready", target, load, clients, caughtUp, errors, fromReady,
                        seconds, 0));
        long attempts = shared.attempts().get() - attemptsBefore;
        notes.add(String.format(Locale.ROOT, "%s: stopping the service took %.1f s; the new instance was ready "
                        + "%.1f s after the drop. All %d clients back (ready) %.1f s after the drop (%d back); "
                        + "all caught up (synced "
                        + "and holding every message, %d sent into each group after the restart) %.1f s after the "
                        + "drop, %.1f s after the service was ready (%d of %d caught up%s).",
                kill ? "SIGKILL" : "SIGTERM", (downAt - droppedAt) / 1e9, (readyAt - droppedAt) / 1e9, clients,
                (lastBack - droppedAt) / 1e9, back, messages,
                (lastCaughtUp - droppedAt) / 1e9, (lastCaughtUp - readyAt) / 1e9, caughtUp, clients,
                everyone ? "" : "; the rest gave up waiting"));
        notes.add(String.format(Locale.ROOT, "Reconnect attempts: %d for %d clients (backoff random(0, min(30 s, "
                        + "0.5 s × 2^attempt))); failed attempts by cause: %s. Error frames the clients received "
                        + "(e.g. answering their sync; the protocol gives a client no reason to sync again before its "
                        + "next reconnect): %s.", attempts, clients,
                shared.failures().isEmpty() ? "none" : shared.failures(),
                shared.errorFrames().isEmpty() ? "none" : shared.errorFrames()));
        double stormSeconds = (allCaughtUp - readyAt) / 1e9;
        double stormCpu = cpuAtCaughtUp - cpuAtReady;
        notes.add(String.format(Locale.ROOT, "chat-service CPU: %.1f CPU-seconds to start (%.1f s); from ready "
                        + "until all were caught up %.1f CPU-seconds over %.1f s = %.0f%% of one core on average "
                        + "(200%% = both cores); peak %d%% in a %d s sample. Per-second samples from its start: %s.",
                cpuAtReady, (readyAt - downAt) / 1e9, stormCpu, stormSeconds,
                stormSeconds <= 0 ? 0 : stormCpu / stormSeconds * 100, cpu.peakPercent(), CPU_SAMPLE.toSeconds(),
                cpu.samples()));
        notes.add(String.format(Locale.ROOT, "Presence frames received by all clients from the drop until 3 s after "
                        + "everyone was caught up: %d (%.1f per client). Without coalescing, each of the %d users "
                        + "coming back online would be announced to %d contacts: %d frames (twice that with the "
                        + "offline flip).", presence, presence / (double) clients, clients, groupSize - 1,
                (long) clients * (groupSize - 1)));
        context.progress(notes.getFirst());
        context.progress(notes.get(3));
        return results;
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        return List.copyOf(notes);
    }
}
