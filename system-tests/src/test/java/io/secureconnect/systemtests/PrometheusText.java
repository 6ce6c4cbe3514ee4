package io.secureconnect.systemtests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A service's {@code /metrics} page read as Prometheus reads it: samples with a name, labels and a value. Enough
 * of the text format for assertions, not a full parser (no escapes beyond {@code \"}, no timestamps).
 */
record PrometheusText(List<Sample> samples) {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusText parse(String text) {
        return new PrometheusText(text.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(PrometheusText::sample)
                .toList());
    }

    private static Sample sample(String line) {
        int labelsStart = line.indexOf('{');
        int labelsEnd = line.lastIndexOf('}');
        var labels = new LinkedHashMap<String, String>();
        String name;
        String rest;
        if (labelsStart >= 0 && labelsEnd > labelsStart) {
            name = line.substring(0, labelsStart);
            var matcher = LABEL.matcher(line.substring(labelsStart + 1, labelsEnd));
            while (matcher.find()) {
                labels.put(matcher.group(1), matcher.group(2));
            }
            rest = line.substring(labelsEnd + 1).trim();
        } else {
            int space = line.indexOf(' ');
            name = line.substring(0, space);
            rest = line.substring(space + 1).trim();
        }
        return new Sample(name, labels, value(rest.split(" ")[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** Metric family names: histogram and summary samples ({@code _bucket}, {@code _count}, ...) count as their family. */
    Set<String> families() {
        return samples.stream()
                .map(Sample::name)
                .flatMap(name -> Stream.of(name, name.replaceFirst("_(bucket|count|sum|max|created)$", "")))
                .collect(Collectors.toSet());
    }

    /** The sum over the samples of {@code name} whose labels include all of {@code labels}. */
    double sum(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }
}
