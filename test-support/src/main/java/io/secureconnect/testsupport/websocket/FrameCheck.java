package io.secureconnect.testsupport.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The process-wide check of what every {@link TestSocket} receives against the AsyncAPI descriptions, off until a
 * test run turns it on ({@link AsyncApiFrameCheck} does, for the system tests). While on, each text frame received
 * on a socket whose path is a described channel address ({@code /ws/chat}, {@code /ws/calls}) is checked as it
 * arrives; a frame that does not match is kept, with what is wrong, until a test takes the list. Sockets on other
 * paths (a test's echo server) are not checked.
 */
public final class FrameCheck {

    /** At most this many mismatches are kept (each names its frame); more are only counted. */
    private static final int KEPT = 50;
    private static final int FRAME_CHARS = 600;

    private static volatile Map<String, AsyncApiFrames> byAddress = Map.of();
    private static final ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger mismatchCount = new AtomicInteger();
    private static final Map<String, LongAdder> checked = new ConcurrentHashMap<>();

    private FrameCheck() {
    }

    /** Turns the check on with every {@code *asyncapi*.yaml} in {@code docs}; loading again is a no-op. */
    public static synchronized void checkAgainst(Path docs) {
        if (!byAddress.isEmpty()) {
            return;
        }
        Map<String, AsyncApiFrames> loaded = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(docs)) {
            files.filter(f -> f.getFileName().toString().matches(".*asyncapi.*\\.ya?ml")).sorted().forEach(file -> {
                AsyncApiFrames frames = AsyncApiFrames.load(file);
                loaded.put(frames.address(), frames);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no *asyncapi*.yaml in " + docs);
        }
        byAddress = Map.copyOf(loaded);
    }

    public static boolean isOn() {
        return !byAddress.isEmpty();
    }

    /** Called by {@link TestSocket} for every text frame, assembled; cheap when off or on another path. */
    static void received(URI socket, String text) {
        AsyncApiFrames frames = byAddress.get(socket.getPath() == null ? "" : socket.getPath());
        if (frames == null) {
            return;
        }
        AsyncApiFrames.Checked result;
        try {
            result = frames.check(text);
        } catch (RuntimeException e) {
            result = new AsyncApiFrames.Checked("?", List.of("the check failed: " + e));
        }
        List<String> violations = result.violations();
        checked.computeIfAbsent(frames.address() + " " + result.type(), any -> new LongAdder()).increment();
        if (!violations.isEmpty() && mismatchCount.incrementAndGet() <= KEPT) {
            String shown = text.length() > FRAME_CHARS ? text.substring(0, FRAME_CHARS) + "…" : text;
            mismatches.add(frames.address() + " frame " + shown + "\n    does not match " + frames.name() + ":\n    - "
                    + String.join("\n    - ", violations));
        }
    }

    /** The mismatches found since the last call, and how many there were in all (more than are kept). */
    public static Mismatches takeMismatches() {
        List<String> taken = new ArrayList<>();
        for (String mismatch; (mismatch = mismatches.poll()) != null; ) {
            taken.add(mismatch);
        }
        return new Mismatches(taken, mismatchCount.getAndSet(0));
    }

    /** How many frames were checked, by socket address and type ({@code "/ws/chat ready" -> 12}). */
    public static Map<String, Long> checkedByType() {
        Map<String, Long> counts = new TreeMap<>();
        checked.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    /** Frames that did not match: up to {@value #KEPT} described, {@code count} in all. */
    public record Mismatches(List<String> described, int count) {

        public boolean isEmpty() {
            return count == 0;
        }

        @Override
        public String toString() {
            return count + " frame(s) the services sent did not match the AsyncAPI descriptions"
                    + (count > described.size() ? " (the first " + described.size() + " shown)" : "") + ":\n"
                    + String.join("\n", described);
        }
    }
}
