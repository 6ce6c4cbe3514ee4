package io.secureconnect.bench.load;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** HTTP requests as {@link Operation}s, and a check that a target answers before a benchmark leans on it. */
public final class HttpOperations {

    private HttpOperations() {
    }

    /** GET the URI; any 2xx is a success and the body is discarded. */
    public static Operation get(HttpClient client, URI uri, Duration timeout) {
        return send(client, HttpRequest.newBuilder(uri).GET().timeout(timeout).build(), timeout);
    }

    /**
     * Sends the request and discards the body; a non-2xx status is a failure. The timeout bounds the whole exchange,
     * body included ({@link HttpRequest#timeout()} alone stops at the response headers).
     */
    public static Operation send(HttpClient client, HttpRequest request, Duration timeout) {
        return () -> {
            HttpResponse<Void> response = exchange(client, request, timeout);
            UnexpectedStatusException.requireSuccess(response.statusCode());
        };
    }

    /**
     * Sends one GET and says why the target is not usable, if it is not: connection refused, a non-2xx status, no
     * answer in time. Empty when it answered with 2xx.
     */
    public static Optional<String> probe(HttpClient client, URI uri, Duration timeout) {
        try {
            HttpResponse<Void> response =
                    exchange(client, HttpRequest.newBuilder(uri).GET().timeout(timeout).build(), timeout);
            UnexpectedStatusException.requireSuccess(response.statusCode());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of(switch (FailureKind.of(e)) {
                case NON_2XX -> "answered " + e.getMessage();
                case CONNECT -> connectProblem(e);
                case TIMEOUT -> "no answer within " + timeout.toMillis() + " ms";
                case IO, OTHER -> describe(e);
            });
        }
    }

    private static HttpResponse<Void> exchange(HttpClient client, HttpRequest request, Duration timeout)
            throws Exception {
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, BodyHandlers.discarding());
        try {
            return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * The JDK wraps the real reason (unresolved host, ...) in a ConnectException, and reports a refused connect as a
     * ConnectException without a message, so the most specific reason in the chain wins.
     */
    private static String connectProblem(Throwable failure) {
        boolean refused = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            refused |= t instanceof ConnectException;
        }
        return refused ? "connection refused" : describe(failure);
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }
}
