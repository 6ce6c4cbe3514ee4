package io.secureconnect.bench.gateway;

import io.secureconnect.bench.BenchmarkFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the processes share the cores as the scheduler likes ({@code unpinned}) or are put on cores of their own
 * ({@code pinned}, see {@link CpuPinning}).
 */
enum Pinning {
    UNPINNED, PINNED;

    static final String DEFAULT_LIST = "unpinned,pinned";

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<Pinning> parse(String text) throws BenchmarkFailure {
        List<Pinning> pinnings = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                Pinning pinning = valueOf(part.trim().toUpperCase(Locale.ROOT));
                if (!pinnings.contains(pinning)) {
                    pinnings.add(pinning);
                }
            } catch (IllegalArgumentException e) {
                throw new BenchmarkFailure("--pinning: expected some of " + DEFAULT_LIST + ", got '" + text + "'");
            }
        }
        if (pinnings.isEmpty()) {
            throw new BenchmarkFailure("--pinning: name at least one of " + DEFAULT_LIST);
        }
        return pinnings;
    }
}
