package io.secureconnect.bench.chat;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an idle client still does: a {@code ping} every {@code heartbeatSeconds} (30 s by default), without which
 * the server closes the socket after its idle timeout. One virtual thread pings every socket in turn, each at its
 * own phase (first ping one interval after it connected), so the pings are spread evenly.
 */
final class Heartbeats implements AutoCloseable {

    /** The {@code heartbeatSeconds} chat-service announces in its ready frame (a third of its 90 s idle timeout). */
    static final Duration PROTOCOL_INTERVAL = Duration.ofSeconds(30);

    private static final String PING = "{\"type\":\"ping\"}";

    private record Due(BenchSocket socket, long atNanos) {
    }

    private final ConcurrentLinkedQueue<Due> queue = new ConcurrentLinkedQueue<>();
    private final long intervalNanos;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    Heartbeats(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.thread = Thread.ofVirtual().name("heartbeats").start(this::run);
    }

    void add(BenchSocket socket) {
        queue.add(new Due(socket, System.nanoTime() + intervalNanos));
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    private void run() {
        try {
            while (running) {
                Due next = queue.peek();
                long wait = next == null ? 100_000_000L : next.atNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(Math.min(wait, 100_000_000L)));
                    continue;
                }
                queue.poll();
                if (!next.socket().isOpen()) {
                    continue;
                }
                try {
                    next.socket().send(PING);
                    sent.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
                queue.add(new Due(next.socket(), System.nanoTime() + intervalNanos));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
