package io.secureconnect.bench.chat;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.Benchmark;
import io.secureconnect.bench.load.DurationText;
import io.secureconnect.bench.load.HttpOperations;
import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.report.BenchmarkResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Messages into PostgreSQL and back out: N senders post text messages over REST as fast as they are answered
 * (closed loop) into M group conversations, then history pages ({@code before=<random seq>&limit=50}) are read at a
 * fixed rate (open model) from the conversations they filled.
 */
public final class ChatHistoryBenchmark implements Benchmark {

    private static final int PAGE = 50;

    private final List<String> notes = new ArrayList<>();

    @Override
    public String name() {
        return "chat-history";
    }

    @Override
    public String description() {
        return "Message inserts into PostgreSQL over REST (N concurrent senders, M conversations) and history page "
                + "latency (GET .../messages?before=…&limit=50).";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("senders", "concurrent senders, each waiting for its answer before the next send (default 16)");
        options.put("conversations", "groups they send into; every sender is a member of all (default 8)");
        options.put("history-rate", "history pages requested per second (default 200)");
        options.put("history-duration", "measured phase of the history reads (default 20s; --warmup applies too)");
        options.putAll(ChatRig.options());
        return options;
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        notes.clear();
        int senders = Integer.parseInt(context.option("senders", null, "16"));
        int conversations = Integer.parseInt(context.option("conversations", null, "8"));
        LoadProfile inserts = context.profile();
        LoadProfile reads = context.profileWithDefaultRate(Double.parseDouble(context.option("history-rate", null,
                "200"))).withDuration(DurationText.parse(context.option("history-duration", null, "20s")));
        String loadBefore = ChatResults.loadAverage();
        try (ChatRig rig = ChatRig.start(context, name(), Map.of())) {
            List<UUID> users = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                users.add(UUID.randomUUID());
            }
            List<ChatRest> clients = users.stream().map(rig::rest).toList();
            List<UUID> groups = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                groups.add(clients.getFirst().createGroup("history-" + i, users.subList(1, users.size())));
            }
            List<BenchmarkResult> results = new ArrayList<>();
            results.add(insert(context, rig, clients, groups, inserts));

            Map<UUID, Long> lastSeqs = new LinkedHashMap<>();
            for (UUID group : groups) {
                lastSeqs.put(group, clients.getFirst().lastSeq(group));
            }
            notes.add("History pages read from conversations of " + lastSeqs.values() + " messages, at a random "
                    + "`before` each time (so most pages come from cold parts of the index, not only the newest).");
            ChatRest reader = clients.getFirst();
            Duration timeout = reads.timeout();
            BenchmarkResult history = context.measure("history page (limit 50)", "GET " + rig.service().uri("")
                    + "/api/v1/conversations/{id}/messages?before=…&limit=50", reads, () -> {
                        UUID group = groups.get(ThreadLocalRandom.current().nextInt(groups.size()));
                        long last = lastSeqs.get(group);
                        long before = last <= PAGE ? last + 1
                                : ThreadLocalRandom.current().nextLong(PAGE + 1, last + 2);
                        HttpOperations.send(context.http(), reader.historyPage(group, before, PAGE), timeout).perform();
                    });
            results.add(history);
            LatencyStats page = history.outcome().latencyMillis();
            notes.add(String.format(Locale.ROOT, "History page p50 %.3f ms, p99 %.3f ms at %s pages/s.", page.p50(),
                    page.p99(), ChatResults.number(reads.ratePerSecond())));
            notes.add(rig.describe() + ".");
            notes.add(rig.redisDegradation() + ".");
            notes.add(ChatResults.loadNote(loadBefore, ChatResults.loadAverage()));
            return results;
        }
    }

    private BenchmarkResult insert(BenchContext context, ChatRig rig, List<ChatRest> clients, List<UUID> groups,
                                   LoadProfile load) throws Exception {
        context.progress("%d senders into %d conversations for %s after %s warmup".formatted(clients.size(),
                groups.size(), DurationText.format(load.duration()), DurationText.format(load.warmup())));
        long start = System.nanoTime();
        long measureFrom = start + load.warmup().toNanos();
        long end = measureFrom + load.duration().toNanos();
        AtomicLong attempts = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        AtomicLong warmup = new AtomicLong();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        Histogram latency = Histograms.micros();
        long[] cpu = new long[2];
        Thread cpuAtMeasureStart = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(measureFrom - System.nanoTime()));
                cpu[0] = ProcStats.cpuTicks(rig.service().pid());
            } catch (Exception e) {
                cpu[0] = -1;
            }
        });
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < clients.size(); s++) {
            int sender = s;
            threads.add(Thread.ofVirtual().name("sender-" + s).start(() -> {
                ChatRest client = clients.get(sender);
                for (long n = 0; System.nanoTime() < end; n++) {
                    UUID group = groups.get((int) ((sender + n) % groups.size()));
                    long begun = System.nanoTime();
                    String outcome;
                    try {
                        int status = client.sendText(group, "h" + sender + "-" + n, "history benchmark message " + n);
                        outcome = status == 201 ? null : "HTTP " + status;
                    } catch (Exception e) {
                        outcome = SocketFleet.describe(e);
                    }
                    long done = System.nanoTime();
                    if (begun < measureFrom) {
                        warmup.incrementAndGet();
                        continue;
                    }
                    attempts.incrementAndGet();
                    if (outcome == null) {
                        stored.incrementAndGet();
                    } else {
                        errors.merge(outcome, 1L, Long::sum);
                    }
                    synchronized (latency) {
                        Histograms.recordNanos(latency, done - begun);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        cpuAtMeasureStart.join();
        long finished = System.nanoTime();
        cpu[1] = ProcStats.cpuTicks(rig.service().pid());
        double seconds = (finished - measureFrom) / 1e9;
        // closed loop: there is no intended rate, so the row shows the achieved one
        LoadProfile achieved = load.withRate(Math.max(1, Math.round(stored.get() / seconds)));
        String target = "POST " + rig.service().uri("") + "/api/v1/conversations/{id}/messages";
        BenchmarkResult row = ChatResults.row("insert (REST, %d senders → %d groups)".formatted(clients.size(),
                        groups.size()), target, achieved,
                attempts.get(), stored.get(), errors, latency, seconds, warmup.get());
        notes.add(String.format(Locale.ROOT, "Inserts: %.1f messages/s stored (%d in %.1f s, closed loop: each "
                        + "sender waits for its 201), latency p50 %.3f ms, p99 %.3f ms; chat-service used %.0f%% of "
                        + "one core meanwhile.", stored.get() / seconds, stored.get(), seconds,
                row.outcome().latencyMillis().p50(), row.outcome().latencyMillis().p99(),
                cpu[0] < 0 ? Double.NaN : ProcStats.cpuPercent(cpu[0], cpu[1], measureFrom, finished)));
        context.progress(notes.getLast());
        return row;
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        return List.copyOf(notes);
    }
}
