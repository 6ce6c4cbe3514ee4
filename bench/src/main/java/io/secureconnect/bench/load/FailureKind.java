package io.secureconnect.bench.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Why a request failed, as reported in results. */
public enum FailureKind {

    /** A response came back with a status outside 2xx. */
    NON_2XX("non-2xx"),
    /** No complete response within the timeout. */
    TIMEOUT("timeout"),
    /** The connection could not be made (refused, unreachable, connect timeout). */
    CONNECT("connect"),
    /** The connection broke during the exchange. */
    IO("io"),
    /** Anything else the operation threw. */
    OTHER("other");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static FailureKind of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof UnexpectedStatusException) {
            return NON_2XX;
        }
        if (cause instanceof HttpConnectTimeoutException || causedByConnectFailure(cause)) {
            return CONNECT;
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException
                || cause instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        return cause instanceof IOException ? IO : OTHER;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The JDK client sometimes wraps the refused connect in a plain IOException, so the whole chain is checked. */
    private static boolean causedByConnectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }
}
