package io.secureconnect.chat.push;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends queued pushes to the providers. A dispatcher thread takes up to {@code batchSize} deliveries at a time and
 * starts them together (at most {@code concurrency} requests in flight), so a burst rides a provider's HTTP/2
 * connection as parallel streams. A 429/5xx or unreachable provider is tried again after an exponential backoff
 * with jitter (or the provider's Retry-After), up to {@code maxAttempts}; a token the provider rejects is removed.
 * The queue is bounded: when providers fall far behind, new deliveries are dropped and counted rather than
 * filling the heap. Nothing here ever runs on a thread that sends a message.
 */
final class PushDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

    /** One push to one device, and how many tries it has had. */
    record Delivery(Device device, PushContent content, int attempt) {
    }

    private final Map<Platform, PushProvider> providers;
    private final DeviceRepository devices;
    private final PushMetrics metrics;
    private final PushProperties properties;
    private final BlockingQueue<Delivery> queue;
    private final Semaphore inFlight;
    private final AtomicInteger pending = new AtomicInteger();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("push-retry").daemon().factory());
    private volatile Thread dispatcher;

    private final HttpClient http;

    PushDispatcher(List<PushProvider> providers, HttpClient http, DeviceRepository devices, PushMetrics metrics,
                   PushProperties properties) {
        this.http = http;
        this.providers = providers.stream().collect(Collectors.toMap(PushProvider::platform, Function.identity()));
        this.devices = devices;
        this.metrics = metrics;
        this.properties = properties;
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        this.inFlight = new Semaphore(properties.concurrency());
        metrics.pending(pending::get);
    }

    /** Queues one push per device; never blocks. All of them count as pending before the first is sent. */
    void enqueue(List<Device> targets, PushContent content) {
        pending.addAndGet(targets.size());
        for (Device device : targets) {
            if (!queue.offer(new Delivery(device, content, 1))) {
                finish(() -> metrics.failed(device.platform().wire(), "queue_full"));
            }
        }
    }

    /** Deliveries queued, waiting for a retry, or in flight. */
    int pending() {
        return pending.get();
    }

    private void dispatch() {
        List<Delivery> batch = new ArrayList<>(properties.batchSize());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, properties.batchSize() - 1);
                for (Delivery delivery : batch) {
                    inFlight.acquire();
                    Thread.ofVirtual().name("push-send").start(() -> {
                        try {
                            deliver(delivery);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deliver(Delivery delivery) {
        PushProvider provider = providers.get(delivery.device().platform());
        String name = providerName(delivery);
        try {
            if (provider == null || !provider.configured()) {
                finish(() -> metrics.failed(name, "not_configured"));
                return;
            }
            switch (provider.send(delivery.device().token(), delivery.content())) {
                case PushProvider.Accepted accepted -> finish(() -> metrics.sent(name));
                case PushProvider.TokenRejected rejected -> finish(() -> {
                    devices.deleteToken(delivery.device().token());
                    log.info("Removed a {} device the provider rejected: {}", name, rejected.reason());
                    metrics.failed(name, rejected.reason());
                });
                case PushProvider.Failed failed -> finish(() -> metrics.failed(name, failed.reason()));
                case PushProvider.Retry retry -> retryOrGiveUp(delivery, name, retry);
            }
        } catch (RuntimeException e) {
            log.warn("Push to a {} device failed", name, e);
            finish(() -> metrics.failed(name, "error"));
        }
    }

    private void retryOrGiveUp(Delivery delivery, String name, PushProvider.Retry retry) {
        if (delivery.attempt() >= properties.maxAttempts()) {
            finish(() -> metrics.failed(name, retry.reason()));
            return;
        }
        Duration wait = backoff(delivery.attempt(), retry.retryAfter());
        retries.schedule(() -> {
            // still counted in pending: it moves back into the queue, or is dropped and counted as failed
            if (!queue.offer(new Delivery(delivery.device(), delivery.content(), delivery.attempt() + 1))) {
                finish(() -> metrics.failed(name, "queue_full"));
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Exponential backoff from {@code initialBackoff} with full jitter in its upper half, capped. */
    private Duration backoff(int attempt, Duration retryAfter) {
        Duration cap = properties.maxBackoff();
        if (retryAfter != null) {
            return retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        }
        long base = properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, cap.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void finish(Runnable outcome) {
        try {
            outcome.run();
        } finally {
            pending.decrementAndGet();
        }
    }

    private static String providerName(Delivery delivery) {
        return delivery.device().platform().wire();
    }

    @Override
    public void start() {
        dispatcher = Thread.ofPlatform().name("push-dispatcher").daemon().start(this::dispatch);
    }

    @Override
    public void stop() {
        Thread thread = dispatcher;
        dispatcher = null;
        if (thread != null) {
            thread.interrupt();
        }
        retries.shutdownNow();
        http.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return dispatcher != null;
    }
}
