package io.secureconnect.bench.chat;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.Benchmark;
import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.report.BenchmarkResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One sender, one group, every member connected over WebSocket to one chat-service: the sender sends at a fixed
 * rate, every member's socket measures send→deliver latency of every message and checks that it got every
 * acknowledged sequence number exactly once.
 */
public final class ChatFanoutBenchmark implements Benchmark {

    private static final double DEFAULT_RATE = 1_000;
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> notes = new ArrayList<>();

    @Override
    public String name() {
        return "chat-fanout";
    }

    @Override
    public String description() {
        return "One sender, a group with every member connected over WebSocket: send→deliver latency at each member "
                + "and loss (every acknowledged seq exactly once at every member).";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("members", "group members, sender included, each with one socket (default 100)");
        options.put("drain", "after the last send, how long to wait for acks and deliveries (default 30s)");
        options.putAll(ChatRig.options());
        return options;
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        notes.clear();
        LoadProfile load = context.profileWithDefaultRate(DEFAULT_RATE);
        if (context.option("duration", null, null) == null) {
            load = load.withDuration(DEFAULT_DURATION);
        }
        int members = Integer.parseInt(context.option("members", null, "100"));
        Duration drain = DurationText.parse(context.option("drain", null, "30s"));
        if (members < 2) {
            throw new BenchmarkFailure("--members: at least 2");
        }
        String loadBefore = ChatResults.loadAverage();
        try (ChatRig rig = ChatRig.start(context, name(), Map.of())) {
            List<BenchmarkResult> results = measure(context, rig, load, members, drain);
            notes.add(rig.describe() + ".");
            notes.add(rig.redisDegradation() + ".");
            notes.add(ChatResults.loadNote(loadBefore, ChatResults.loadAverage()));
            return results;
        }
    }

    private List<BenchmarkResult> measure(BenchContext context, ChatRig rig, LoadProfile load, int members,
                                          Duration drain) throws Exception {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            users.add(UUID.randomUUID());
        }
        UUID group = rig.rest(users.getFirst()).createGroup("fanout", users.subList(1, users.size()));
        long warmupCount = Math.round(load.ratePerSecond() * load.warmup().toNanos() / 1e9);
        long measuredCount = Math.round(load.ratePerSecond() * load.duration().toNanos() / 1e9);

        List<String> tokens = users.stream().map(rig.tokens()::accessToken).toList();
        List<FanoutReceiver> receivers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            receivers.add(new FanoutReceiver(Long.MAX_VALUE));
        }
        FanoutSender sender = new FanoutSender(group, receivers.getFirst(), load.ratePerSecond());
        try (SocketFleet fleet = new SocketFleet(rig.socketUri(), members, CONNECT_TIMEOUT);
             Heartbeats heartbeats = new Heartbeats(Heartbeats.PROTOCOL_INTERVAL)) {
            context.progress("connecting %d members to group %s".formatted(members, group));
            // members only listen, so like real clients they ping, or the server would close them as idle
            List<BenchSocket> sockets = fleet.connectAll(tokens, i -> i == 0 ? sender : receivers.get(i), 50,
                    heartbeats::add, 3);
            if (!fleet.failures().isEmpty()) {
                notes.add("Setup: handshakes the service refused and the benchmark retried: " + fleet.failures()
                        + " (see the Redis degraded-mode note).");
            }
            long connected = sockets.stream().filter(Objects::nonNull).count();
            if (connected < members) {
                throw new BenchmarkFailure("only %d of %d members connected: %s".formatted(connected, members,
                        fleet.failures()));
            }
            // the schedule starts once everyone is in, after the presence announcements of their arrival (every 2 s)
            long origin = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            long measureFrom = origin + load.warmup().toNanos();
            receivers.forEach(receiver -> receiver.measureFrom(measureFrom));
            sender.schedule(sockets.getFirst(), origin, measureFrom);
            context.progress("%d members connected; sending %s msg/s for %s after %s warmup".formatted(members,
                    ChatResults.number(load.ratePerSecond()), DurationText.format(load.duration()),
                    DurationText.format(load.warmup())));

            ChatServiceProcess service = rig.service();
            LockSupport.parkNanos(origin - System.nanoTime());
            long cpuBefore = ProcStats.cpuTicks(service.pid());
            long started = System.nanoTime();
            long sent = sender.sendAll(warmupCount + measuredCount, load.maxInFlight());
            long sendEnded = System.nanoTime();
            long cpuAfter = ProcStats.cpuTicks(service.pid());
            long rssKib = ProcStats.rssKib(service.pid());
            context.progress("sent %d; waiting up to %s for acks and deliveries".formatted(sent,
                    DurationText.format(drain)));
            long drainDeadline = System.nanoTime() + drain.toNanos();
            while (System.nanoTime() < drainDeadline && !complete(sender, receivers, sent)) {
                Thread.sleep(200);
            }
            long stored = rig.rest(users.getFirst()).lastSeq(group);
            List<Integer> closeCodes = sockets.stream().filter(socket -> socket.closed().isDone())
                    .map(socket -> socket.closed().join()).toList();
            return report(context, load, members, sent, stored, warmupCount, sender, receivers, closeCodes,
                    ProcStats.cpuPercent(cpuBefore, cpuAfter, started, sendEnded), rssKib,
                    (sendEnded - started) / 1e9);
        }
    }

    private static boolean complete(FanoutSender sender, List<FanoutReceiver> receivers, long sent) {
        if (sender.acks() + sender.errorCount() < sent) {
            return false;
        }
        var acknowledged = sender.acknowledged();
        return receivers.stream().allMatch(receiver -> receiver.ledger().hasAll(acknowledged));
    }

    private List<BenchmarkResult> report(BenchContext context, LoadProfile load, int members, long sent, long stored,
                                         long warmupCount, FanoutSender sender, List<FanoutReceiver> receivers,
                                         List<Integer> closeCodes, double cpuPercent, long rssKib,
                                         double sendSeconds) {
        var acknowledged = sender.acknowledged();
        long acked = acknowledged.cardinality();
        long expected = acked * members;
        long delivered = 0;
        long missing = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long unacknowledged = 0;
        int complete = 0;
        Map<String, Long> otherFrames = new TreeMap<>();
        for (FanoutReceiver receiver : receivers) {
            DeliveryLedger ledger = receiver.ledger();
            delivered += ledger.distinct();
            long receiverMissing = ledger.missing(acknowledged);
            missing += receiverMissing;
            duplicates += ledger.duplicates();
            outOfOrder += ledger.outOfOrder();
            unacknowledged += ledger.unacknowledged(acknowledged);
            complete += receiverMissing == 0 ? 1 : 0;
            receiver.otherFrames().forEach((type, count) -> otherFrames.merge(type, count, Long::sum));
        }
        Histogram deliver = Histograms.merge(receivers.stream().map(FanoutReceiver::latencyMicros).toList());
        Map<String, Long> deliveryErrors = new LinkedHashMap<>();
        deliveryErrors.put("missing", missing);
        deliveryErrors.put("duplicate", duplicates);
        Map<String, Long> sendErrors = new LinkedHashMap<>(sender.errors());
        sendErrors.put("not acknowledged", Math.max(0, sent - sender.acks() - sender.errorCount()));
        String target = "ws /ws/chat, group of %d, 1 sender".formatted(members);
        List<BenchmarkResult> results = List.of(
                ChatResults.row("send→deliver (each member)", target, load, expected, delivered - unacknowledged,
                        deliveryErrors, deliver, sendSeconds, warmupCount * members),
                ChatResults.row("send→ack (sender)", target, load, sent + sender.dropped(), sender.acks(), sendErrors,
                        sender.dropped(), sender.ackMicros(), sendSeconds, warmupCount));

        LatencyStats latency = Histograms.stats(deliver);
        LatencyStats lag = Histograms.stats(sender.sendLagMicros());
        notes.add(String.format(Locale.ROOT, "Send→deliver over the measured phase (%d deliveries): p50 %.3f ms, "
                        + "p99 %.3f ms, max %.3f ms. Target p99 ≤ 50 ms: %s.", latency.count(), latency.p50(),
                latency.p99(), latency.max(), latency.count() > 0 && latency.p99() <= 50 ? "met" : "NOT met"));
        notes.add(String.format(Locale.ROOT, "Loss: %d messages due (%d warmup), %d sent, %d not sent because "
                        + "%d were already awaiting their ack, %d acknowledged, %d stored (conversation lastSeq); %d "
                        + "of %d members got every acknowledged seq; %d deliveries missing, %d duplicates, %d out of "
                        + "order, %d seqs received without an ack. Zero loss: %s.",
                sent + sender.dropped(), warmupCount, sent, sender.dropped(), load.maxInFlight(), acked, stored,
                complete, members, missing, duplicates, outOfOrder,
                unacknowledged, missing == 0 && duplicates == 0 && acked == sent ? "yes" : "NO"));
        notes.add(String.format(Locale.ROOT, "Achieved send rate %.1f msg/s (%d in %.1f s); the sender itself was "
                        + "late by p99 %.3f ms / max %.3f ms (the client's share of the latency). Sockets closed "
                        + "by the server during the run: %s. Send errors: %s. Other frames received: %s.",
                sent / sendSeconds, sent, sendSeconds, lag.p99(), lag.max(),
                closeCodes.isEmpty() ? "none" : closeCodes, sender.errors().isEmpty() ? "none" : sender.errors(),
                otherFrames));
        notes.add(String.format(Locale.ROOT, "chat-service during the send phase: %.0f%% CPU (of one core; the "
                + "machine has 2), RSS %d MiB at its end.", cpuPercent, rssKib / 1024));
        context.progress(notes.getFirst());
        context.progress(notes.get(1));
        return results;
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        return List.copyOf(notes);
    }
}
