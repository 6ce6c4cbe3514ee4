package io.secureconnect.bench.chat;

/** Reads values out of a Prometheus text exposition ({@code GET /metrics}). */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code metric} whose labels contain {@code labelFilter} (e.g.
     * {@code area="heap"}; empty for all samples). NaN when there is no such sample.
     */
    static double sum(String exposition, String metric, String labelFilter) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int end = rest.indexOf('}');
                labels = rest.substring(1, end);
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            if (!labels.contains(labelFilter)) {
                continue;
            }
            sum += Double.parseDouble(rest.trim().split("\\s+")[0]);
            found = true;
        }
        return found ? sum : Double.NaN;
    }
}
