package io.secureconnect.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Sorts the errors of a forwarded call: what says the service is unreachable or too slow, and what is safe to retry. */
final class DownstreamFailures {

    private DownstreamFailures() {
    }

    /**
     * The service could not be reached, broke the connection, or did not answer in time (the gateway's response
     * timeout raises its own TimeoutException, not the JDK's).
     */
    static boolean isTransportFailure(Throwable error) {
        return causedBy(error, IOException.class) || causedBy(error, TimeoutException.class)
                || causedBy(error, org.springframework.cloud.gateway.support.TimeoutException.class);
    }

    /**
     * No connection was made (refused, or the connect timed out: Netty's ConnectTimeoutException is a
     * ConnectException), so the service saw nothing of the request and sending it again cannot do anything twice.
     */
    static boolean isConnectFailure(Throwable error) {
        return causedBy(error, ConnectException.class);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
