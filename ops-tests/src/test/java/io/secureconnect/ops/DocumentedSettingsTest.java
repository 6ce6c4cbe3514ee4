package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The defaults that README.md and docs/ give for environment variables are the ones the configuration has
 * ({@code ${SC_NAME:default}} in each service's application.yml and common-lib's defaults): a reader who trusts the
 * table gets what the code does (issue 23; {@code SC_CHAT_WS_MAX_FRAME} was documented as 64KB while the code used
 * 16KB). Rows whose default is prose ("loopback", "per the service") are not compared; literal ones are.
 */
class DocumentedSettingsTest {

    private static final Pattern VARIABLE = Pattern.compile("`(SC_[A-Z0-9_]+)`");
    private static final Pattern PLACEHOLDER_START = Pattern.compile("\\$\\{(SC_[A-Z0-9_]+)");
    private static final Pattern NESTED = Pattern.compile("\\$\\{[^:}]+:?([^${}]*)}");
    private static final Pattern LITERAL = Pattern.compile("[\\w.:/@-]+");
    private static final Set<String> NOTHING = Set.of("", "empty", "unset", "none");

    @Test
    void documentedDefaultsAreTheConfiguredOnes() {
        Map<String, Set<String>> configured = configuredDefaults();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Path document : documents()) {
            for (String row : Repo.read(document).lines().filter(line -> line.startsWith("| ")).toList()) {
                String[] cells = row.split("(?<!\\\\)\\|");
                if (cells.length < 4) {
                    continue;
                }
                List<String> names = names(cells[1]);
                List<String> defaults = List.of(cells[2].trim().split(" / "));
                if (names.size() > 1 && defaults.size() != names.size()) {
                    defaults = List.of(cells[2].trim().split(", ")); // "65536, 50, 200" for three names
                }
                for (int i = 0; i < names.size(); i++) {
                    String documented = defaults.size() == names.size() ? defaults.get(i)
                            : defaults.size() == 1 ? defaults.get(0) : null;
                    Set<String> actual = configured.get(names.get(i));
                    if (documented == null || actual == null) {
                        continue;
                    }
                    String literal = normalised(documented);
                    boolean configuredLiterally = actual.stream().allMatch(value -> LITERAL.matcher(value).matches()
                            || NOTHING.contains(value));
                    if (!configuredLiterally || VARIABLE.matcher(documented).find()
                            || !LITERAL.matcher(literal).matches() && !NOTHING.contains(literal)) {
                        continue; // prose (or another variable) for a default that is not a plain value
                    }
                    compared++;
                    if (!actual.contains(literal)) {
                        mismatches.add("%s: %s documents %s = %s, the configuration has %s".formatted(
                                Repo.ROOT.relativize(document), row.length() > 60 ? row.substring(0, 60) + "…" : row,
                                names.get(i), documented.trim(), actual));
                    }
                }
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(compared).as("documented defaults compared").isGreaterThan(20);
    }

    /** The backticked SC_ names of a table's first cell, outside parentheses (those are alternatives). */
    private static List<String> names(String cell) {
        String outsideParentheses = cell.replaceAll("\\([^)]*\\)", "");
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(outsideParentheses);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Every default each SC_ variable has where the configuration reads it ("" when it has none). */
    private static Map<String, Set<String>> configuredDefaults() {
        Map<String, Set<String>> defaults = new HashMap<>();
        List<Path> sources = new ArrayList<>(Stream.of("api-gateway", "auth-service", "chat-service",
                "video-service", "storage-service").flatMap(service -> Repo.files(service + "/src/main/resources",
                ".yml").stream()).toList());
        sources.add(Repo.path("common-lib/src/main/resources/secureconnect-defaults.properties"));
        for (Path source : sources) {
            String text = Repo.read(source);
            Matcher matcher = PLACEHOLDER_START.matcher(text);
            while (matcher.find()) {
                defaults.computeIfAbsent(matcher.group(1), name -> new HashSet<>())
                        .add(normalised(defaultOf(text, matcher.end())));
            }
        }
        defaults.values().forEach(values -> {
            if (values.contains("")) {
                values.addAll(NOTHING);
            }
        });
        return defaults;
    }

    /**
     * The default of the placeholder whose name ends at {@code from}: up to its closing brace, nested placeholders
     * replaced by their own defaults ({@code ${SC_KEYS_DIR:.secureconnect/keys}/x} is {@code .secureconnect/keys/x}).
     */
    private static String defaultOf(String text, int from) {
        if (text.charAt(from) != ':') {
            return "";
        }
        int depth = 1;
        int end = from + 1;
        while (end < text.length() && depth > 0) {
            char c = text.charAt(end++);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        String value = text.substring(from + 1, end - 1);
        for (String resolved = NESTED.matcher(value).replaceAll("$1"); !resolved.equals(value);
                resolved = NESTED.matcher(value).replaceAll("$1")) {
            value = resolved;
        }
        return value;
    }

    private static String normalised(String value) {
        return value.trim().replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static List<Path> documents() {
        List<Path> documents = new ArrayList<>(Repo.files("docs", ".md"));
        documents.add(Repo.path("README.md"));
        return documents;
    }
}
