package io.secureconnect.common.tracing;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent}: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}. Each hop
 * keeps a valid incoming trace id and flags and takes a span id of its own; a request without a valid header starts
 * a new sampled trace. The trace id is what links one request's log lines across the gateway and the services.
 */
public record TraceContext(String traceId, String spanId, String flags) {

    public static final String HEADER = "traceparent";

    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final String SAMPLED = "01";

    /** The context carried by a valid {@code traceparent}, if it is one (all-zero ids are invalid too). */
    public static Optional<TraceContext> parse(String header) {
        var matcher = header == null ? null : VALID.matcher(header.trim());
        if (matcher == null || !matcher.matches() || matcher.group(1).equals(ZERO_TRACE)
                || matcher.group(2).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(matcher.group(1), matcher.group(2), matcher.group(3)));
    }

    /** This hop of the trace {@code header} carries, or a new trace when it carries none. */
    public static TraceContext continueOrStart(String header) {
        return parse(header).map(TraceContext::child).orElseGet(TraceContext::newTrace);
    }

    /** A new sampled trace, for requests that arrive without a valid one. */
    public static TraceContext newTrace() {
        return new TraceContext(randomHex(16, ZERO_TRACE), newSpanId(), SAMPLED);
    }

    /** The next hop in this trace: same trace and flags, a span id of its own. */
    public TraceContext child() {
        return new TraceContext(traceId, newSpanId(), flags);
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String newSpanId() {
        return randomHex(8, ZERO_SPAN);
    }

    private static String randomHex(int bytes, String zero) {
        byte[] random = new byte[bytes];
        String hex;
        do {
            ThreadLocalRandom.current().nextBytes(random);
            hex = HexFormat.of().formatHex(random);
        } while (hex.equals(zero));
        return hex;
    }
}
