package io.secureconnect.bench.startup;

import io.secureconnect.bench.load.LatencyStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The values one series of runs gave (seconds, MiB), in run order, and how many runs gave none. */
final class Samples {

    private final List<Double> values = new ArrayList<>();
    private int failures;

    void add(double value) {
        values.add(value);
    }

    void fail() {
        failures++;
    }

    List<Double> values() {
        return List.copyOf(values);
    }

    int failures() {
        return failures;
    }

    int attempts() {
        return values.size() + failures;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted().getFirst();
    }

    double max() {
        return sorted().getLast();
    }

    double mean() {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /**
     * The values as a latency row of the house table, seconds taken as thousands of milliseconds: p50 is the median,
     * the higher percentiles by nearest rank (with 5 values, all of them the maximum).
     */
    LatencyStats asMillis() {
        if (values.isEmpty()) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(values.size(), millis(median()), millis(rank(90)), millis(rank(95)),
                millis(rank(99)), millis(rank(99.9)), millis(max()), millis(mean()));
    }

    /** "3.4 (3.2–3.9)" with the given decimals; "3.4" for one value; "-" for none; failures appended. */
    String describe(int decimals) {
        String text;
        if (values.isEmpty()) {
            text = "-";
        } else if (values.size() == 1) {
            text = number(median(), decimals);
        } else {
            text = number(median(), decimals) + " (" + number(min(), decimals) + "–" + number(max(), decimals) + ")";
        }
        return failures == 0 ? text : text + ", " + failures + " of " + attempts() + " failed";
    }

    /** The values in run order, "3.4, 3.3, 3.6" (with "failed" counted at the end). */
    String list(int decimals) {
        List<String> texts = new ArrayList<>(values.stream().map(value -> number(value, decimals)).toList());
        if (failures > 0) {
            texts.add(failures + " failed");
        }
        return texts.isEmpty() ? "-" : String.join(", ", texts);
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private double rank(double percentile) {
        List<Double> sorted = sorted();
        int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
        return sorted.get(Math.clamp(index, 0, sorted.size() - 1));
    }

    private List<Double> sorted() {
        return values.stream().sorted().toList();
    }

    private static double millis(double seconds) {
        return Math.round(seconds * 1_000_000) / 1000.0;
    }
}
