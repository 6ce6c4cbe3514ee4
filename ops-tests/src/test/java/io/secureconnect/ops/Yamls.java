package io.secureconnect.ops;

import java.util.List;
import java.util.Map;

/** Navigation in parsed YAML/JSON trees without casts at every step. */
public final class Yamls {

    private Yamls() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object node, String key) {
        Object value = ((Map<String, Object>) node).get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object node, String key) {
        Object value = ((Map<String, Object>) node).get(key);
        return value == null ? List.of() : (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Object node, String key) {
        return (List<Map<String, Object>>) (List<?>) list(node, key);
    }

    public static String string(Object node, String key) {
        Object value = ((Map<?, ?>) node).get(key);
        return value == null ? null : value.toString();
    }

    /** Follows a path of keys through nested maps; null when any step is missing. */
    public static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }
}
