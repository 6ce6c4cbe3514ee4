package io.secureconnect.common.shutdown;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing to stop: readiness goes DOWN so load balancers stop sending traffic, we wait the drain delay
 * for them to notice, then long-lived connections are told to go away (WebSocket close 1001) so clients reconnect
 * elsewhere. Only then does the web server's own graceful shutdown let in-flight requests finish.
 */
public class GracefulShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final ApplicationEventPublisher events;
    private final Duration drainDelay;
    private final List<LongLivedConnections> connections;
    private volatile boolean running;

    public GracefulShutdown(ApplicationEventPublisher events, Duration drainDelay,
                            List<LongLivedConnections> connections) {
        this.events = events;
        this.drainDelay = drainDelay;
        this.connections = List.copyOf(connections);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        log.info("Shutting down: refusing new traffic, draining for {}", drainDelay);
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        if (!drainDelay.isZero()) {
            try {
                Thread.sleep(drainDelay); // give the load balancer time to see readiness DOWN
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connections.forEach(LongLivedConnections::goAway);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}) and everything else. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
