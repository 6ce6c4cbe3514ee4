package io.secureconnect.testsupport.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Malformed and mutated variants of one valid JSON body or WebSocket frame, for properties that say "whatever a
 * client sends, the answer is a 4xx problem (or an error frame), never a 5xx or a closed socket of someone else".
 *
 * <p>The valid example is given as maps, lists, strings, numbers, booleans and nulls; a mutation is drawn from the
 * kinds an attacker or a broken client produces: a field of the wrong type, missing, {@code null}, a huge string,
 * deep nesting, control and unpaired-surrogate characters, numbers beyond any Java type, invalid UUIDs, extra and
 * duplicated keys, truncated text, text that is not JSON at all, and a root that is not an object. Up to three
 * field mutations may stack. Fields named in {@link #keeping} (a frame's {@code type}) are left alone by field
 * mutations, so the handler of that frame type is the one exercised.
 *
 * <pre>{@code
 * @Provide Arbitrary<String> bodies() { return MutatedJson.of(Map.of("email", "a@b.org", "password", "x")); }
 * }</pre>
 */
public final class MutatedJson {

    /** Bigger than every service's 1 MB body limit, to reach the 413 path as well. */
    private static final int OVERSIZED = 1_100_000;

    private final Map<String, Object> valid;
    private final Set<String> kept;

    private MutatedJson(Map<String, ?> valid, Set<String> kept) {
        this.valid = new LinkedHashMap<>(valid);
        this.kept = Set.copyOf(kept);
    }

    /** Mutations of {@code valid}, which is an object's fields in order. */
    public static Arbitrary<String> of(Map<String, ?> valid) {
        return new MutatedJson(valid, Set.of()).arbitrary();
    }

    /** Mutations of {@code valid} that leave the named top-level fields as they are (but may still break the text). */
    public static Arbitrary<String> keeping(Map<String, ?> valid, String... keptFields) {
        return new MutatedJson(valid, Set.of(keptFields)).arbitrary();
    }

    /** The valid example as JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private Arbitrary<String> arbitrary() {
        Arbitrary<String> fieldMutations = Arbitraries.integers().between(1, 3)
                .flatMap(count -> fieldMutation().list().ofSize(count))
                .map(mutations -> {
                    Map<String, Object> body = deepCopy(valid);
                    mutations.forEach(mutation -> mutation.applyTo(body));
                    return write(body);
                });
        return Arbitraries.frequencyOf(
                weighted(12, fieldMutations),
                weighted(2, duplicatedKeys()),
                weighted(2, truncated()),
                weighted(2, notJson()),
                weighted(2, wrongRoot()),
                weighted(1, deeplyNested()),
                weighted(1, Arbitraries.just("{}")));
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    /** One change to the body's fields, applied in place. */
    private interface FieldMutation {
        void applyTo(Map<String, Object> body);
    }

    private Arbitrary<FieldMutation> fieldMutation() {
        List<String> mutable = valid.keySet().stream().filter(name -> !kept.contains(name)).toList();
        Arbitrary<FieldMutation> extra = Combinators.combine(extraKey(), hostileValue())
                .as((key, value) -> body -> body.put(key, value));
        if (mutable.isEmpty()) {
            return extra;
        }
        Arbitrary<String> field = Arbitraries.of(mutable);
        Arbitrary<FieldMutation> replaced = Combinators.combine(field, hostileValue())
                .as((name, value) -> body -> body.put(name, value));
        Arbitrary<FieldMutation> removed = field.map(name -> body -> body.remove(name));
        Arbitrary<FieldMutation> nulled = field.map(name -> body -> body.put(name, null));
        Arbitrary<FieldMutation> inside = Combinators.combine(field, hostileValue())
                .as((name, value) -> body -> body.put(name, mutatedInside(body.get(name), value)));
        return Arbitraries.frequencyOf(
                weighted(6, replaced), weighted(2, removed), weighted(2, nulled),
                weighted(2, inside), weighted(2, extra));
    }

    /** An element of a list or a member of an object replaced (or added to an empty one); a scalar is replaced. */
    @SuppressWarnings("unchecked")
    private static Object mutatedInside(Object container, Object value) {
        if (container instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            if (copy.isEmpty()) {
                copy.add(value);
            } else {
                copy.set(Math.floorMod(value == null ? 0 : value.hashCode(), copy.size()), value);
            }
            return copy;
        }
        if (container instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            String key = copy.isEmpty() ? "x" : copy.keySet().iterator().next();
            copy.put(key, value);
            return copy;
        }
        return value;
    }

    /** Any JSON value a field should not have, or an edge of the one it should. */
    static Arbitrary<Object> hostileValue() {
        return Arbitraries.frequencyOf(
                weighted(3, wrongType()),
                weighted(3, hostileString()),
                weighted(2, number()),
                weighted(2, uuidLike()),
                weighted(1, hugeString()),
                weighted(1, nested()));
    }

    private static Arbitrary<Object> wrongType() {
        return Arbitraries.of(Arrays.asList(null, true, false, 0, -1, 1, 1.5, List.of(), Map.of(),
                Arrays.asList(1, "a", null), Map.of("x", 1), List.of(List.of()), Map.of("", Map.of())));
    }

    private static Arbitrary<Object> hostileString() {
        Arbitrary<Object> fixed = Arbitraries.of("", " ", "null", "true", "0", "-1", "NaN", "\u0000", "a\u0000b",
                "\u0001\u0007\b\f\u001b", "\r\n\t", "\u202eevil", "\u200b", "\ufeff", "\uffff", "\ud83d\ude00",
                "Z\u0351\u0352\u0353", "\u00e9\u0301", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>",
                "${jndi:ldap://x}", "%s%n%x", "DIRECT", "GROUP", "Text", "offer ", "sfu", "admin", "owner",
                "2024-13-45T99:99:99Z", "9999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "P1Y", "-PT1S",
                "user@", "@example.org", "a@b", "x".repeat(300) + "@example.org");
        Arbitrary<Object> unpairedSurrogate = Arbitraries.of(raw("\"\\ud800\""), raw("\"a\\udfffb\""),
                raw("\"\\u0000\""), raw("\"\\uDBFF\\uDBFF\""));
        Arbitrary<Object> anyText = Arbitraries.strings().all().ofMaxLength(40).map(text -> text);
        return Arbitraries.oneOf(List.of(fixed, unpairedSurrogate, anyText));
    }

    private static Arbitrary<Object> number() {
        Arbitrary<Object> edges = Arbitraries.of(raw("1e400"), raw("-1e400"), raw("1e-400"), raw("-0"),
                raw("9223372036854775808"), raw("-9223372036854775809"), raw("2147483648"), raw("-2147483649"),
                raw("123456789012345678901234567890"), raw("0.1e1"), raw("1E2"), raw("1.0"), raw("-0.0"),
                Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_VALUE);
        Arbitrary<Object> any = Arbitraries.longs().map(value -> value);
        return Arbitraries.oneOf(List.of(edges, any));
    }

    private static Arbitrary<Object> uuidLike() {
        Arbitrary<Object> broken = Arbitraries.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g",
                "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "{00000000-0000-0000-0000-000000000001}", "0-0-0-0-0", "1-1-1-1-1", "00000000000000000000000000000000",
                "00000000-0000-0000-0000-0000000000001", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
                "00000000-0000-0000-0000-00000000000\u0000");
        Arbitrary<Object> unknown = Arbitraries.create(() -> UUID.randomUUID().toString());
        Arbitrary<Object> upper = Arbitraries.create(() -> UUID.randomUUID().toString().toUpperCase());
        return Arbitraries.oneOf(List.of(broken, unknown, upper));
    }

    private static Arbitrary<Object> hugeString() {
        return Arbitraries.of(10_000, 70_000, 300_000, OVERSIZED)
                .flatMap(length -> Arbitraries.of("a", "\u00e9", "\ud83d\ude00", "\u0000", " ")
                        .map(unit -> (Object) unit.repeat(length / unit.length())));
    }

    private static Arbitrary<Object> nested() {
        return Arbitraries.integers().between(2, 12).map(depth -> {
            Object value = "leaf";
            for (int i = 0; i < depth; i++) {
                value = i % 2 == 0 ? List.of(value) : Map.of("a", value);
            }
            return value;
        });
    }

    private static Arbitrary<String> extraKey() {
        return Arbitraries.of("extra", "id", "userId", "senderId", "role", "admin", "seq", "createdAt", "__proto__",
                "constructor", "@class", "@type", "$ref", "", " ", "\u0000", "type", "Type", "TYPE");
    }

    /** The text of a valid body with one of its keys repeated, holding a hostile value the second time. */
    private Arbitrary<String> duplicatedKeys() {
        List<String> keys = new ArrayList<>(valid.keySet());
        keys.add("type");
        return Combinators.combine(Arbitraries.of(keys), hostileValue(), Arbitraries.of(true, false))
                .as((key, value, before) -> {
                    String body = write(valid);
                    String duplicate = write(key) + ":" + write(value);
                    return before || valid.isEmpty()
                            ? "{" + duplicate + (valid.isEmpty() ? "" : ",") + body.substring(1)
                            : body.substring(0, body.length() - 1) + "," + duplicate + "}";
                });
    }

    private Arbitrary<String> truncated() {
        String body = write(valid);
        return Arbitraries.integers().between(0, Math.max(0, body.length() - 1)).map(end -> body.substring(0, end));
    }

    private static Arbitrary<String> notJson() {
        Arbitrary<String> fixed = Arbitraries.of("", " ", "\n", "{", "}", "[", "]", "{}}", "{{}", "nul", "tru",
                "NaN", "Infinity", "undefined", "'single'", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]", "{\"a\"}",
                "{\"a\":}", "<xml/>", "<?xml version=\"1.0\"?><a/>", "a=1&b=2", "\u0000", "\ufeff{}", "/* */{}",
                "// x\n{}", "{\"a\":1}{\"b\":2}", "{\"a\":1} trailing", "\"\\x41\"", "{\"a\":\"\\u12\"}",
                "{\"a\":\"unterminated}", "{\"a\":0x1F}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}");
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(60);
        return Arbitraries.oneOf(List.of(fixed, anyText));
    }

    private Arbitrary<String> wrongRoot() {
        String body = write(valid);
        return Arbitraries.of("[" + body + "]", "[]", "[[]]", "\"" + "text" + "\"", "42", "-1", "1e400", "null",
                "true", "false", "[null]", "[{}]", "\"" + body.replace("\"", "\\\"") + "\"");
    }

    /** Nesting far beyond what any body needs, past the parser's depth limit too. */
    private static Arbitrary<String> deeplyNested() {
        return Combinators.combine(Arbitraries.of(100, 999, 1_001, 5_000, 50_000), Arbitraries.of(true, false))
                .as((depth, arrays) -> arrays
                        ? "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}"
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> inner
                ? deepCopy((Map<String, ?>) inner)
                : value instanceof List<?> list ? new ArrayList<>(list) : value));
        return copy;
    }

    /** JSON text written as it is, for what Java values cannot hold: 1e400, unpaired surrogate escapes. */
    private record Raw(String json) {
    }

    private static Object raw(String json) {
        return new Raw(json);
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Raw raw -> out.append(raw.json());
            case String text -> appendString(out, text);
            case Number number -> out.append(number);
            case Boolean bool -> out.append(bool);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendString(out, String.valueOf(entry.getKey()));
                    out.append(':');
                    append(out, entry.getValue());
                }
                out.append('}');
            }
            case Iterable<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object element : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(out, element);
                }
                out.append(']');
            }
            default -> appendString(out, value.toString());
        }
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validPairAt(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validPairAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
