package io.secureconnect.testsupport;

/**
 * Where test infrastructure reads its settings ({@code SC_TEST_PG_URL}, {@code SC_TEST_REDIS_URL}, ...): a system
 * property wins over the environment variable of the same name, so one build can redirect tests with
 * {@code -DSC_TEST_PG_URL=...} and CI can do it with an exported variable.
 */
public final class TestSettings {

    private TestSettings() {
    }

    /** The setting's value, or {@code fallback} when it is unset or blank. */
    public static String get(String name, String fallback) {
        var value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
