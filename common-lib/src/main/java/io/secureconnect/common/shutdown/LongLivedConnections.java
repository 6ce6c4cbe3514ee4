package io.secureconnect.common.shutdown;

/**
 * Connections an instance holds open for long (WebSockets), which {@link GracefulShutdown} tells to go away once
 * the drain delay is over, so their clients reconnect to another instance instead of being cut off. Declared here
 * and implemented where the connections live, so shutdown knows no transport.
 */
@FunctionalInterface
public interface LongLivedConnections {

    /** Closes every connection as "going away" (WebSocket 1001); must not throw. */
    void goAway();
}
