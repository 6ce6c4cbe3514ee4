package io.secureconnect.bench.startup;

import io.secureconnect.bench.BenchmarkFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** How the launcher is asked to start the services; the benchmark measures each mode side by side. */
enum Mode {

    /** {@code SC_FAST_START=off}: each fat jar run as it is ({@code java ... -jar <module>/target/<module>.jar}). */
    REFERENCE("reference", "SC_FAST_START=off"),
    /** The launcher's default (extracted jars and AOT caches, where the launcher has them). */
    FAST("fast", "the launcher's default, SC_FAST_START unset");

    private final String label;
    private final String setting;

    Mode(String label, String setting) {
        this.label = label;
        this.setting = setting;
    }

    String label() {
        return label;
    }

    /** What the launcher's environment says in this mode, for the report. */
    String setting() {
        return setting;
    }

    void applyTo(Map<String, String> environment) {
        if (this == REFERENCE) {
            environment.put("SC_FAST_START", "off");
        } else {
            environment.remove("SC_FAST_START");
        }
    }

    /** {@code reference,fast} (in the order given, each once). */
    static List<Mode> parse(String text) throws BenchmarkFailure {
        List<Mode> modes = new ArrayList<>();
        for (String name : text.split(",")) {
            Mode mode = Arrays.stream(values()).filter(m -> m.label.equals(name.trim())).findFirst()
                    .orElseThrow(() -> new BenchmarkFailure("--modes: unknown mode '" + name.trim()
                            + "' (expected reference, fast or both, separated by a comma)"));
            if (!modes.contains(mode)) {
                modes.add(mode);
            }
        }
        return modes;
    }
}
