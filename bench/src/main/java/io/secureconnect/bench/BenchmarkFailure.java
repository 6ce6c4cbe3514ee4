package io.secureconnect.bench;

/** A benchmark cannot run; the message tells the user what to do, and is printed without a stack trace. */
public final class BenchmarkFailure extends Exception {

    public BenchmarkFailure(String message) {
        super(message);
    }
}
