package io.secureconnect.bench.load;

/**
 * One request of a benchmark (an HTTP call, a WebSocket round trip, a login...). {@link OpenModelLoad} calls it on
 * its own virtual thread, so blocking is fine.
 */
@FunctionalInterface
public interface Operation {

    /**
     * Performs one request. Returning normally is a success; throwing is a failure, sorted by {@link FailureKind}.
     * It should give up by itself after the profile's timeout; the load counts it as a timeout either way.
     */
    void perform() throws Exception;
}
