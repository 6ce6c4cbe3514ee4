package io.secureconnect.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the services' log directory as a log shipper would: one JSON object per line. Only complete lines count;
 * the line a service is writing right now is left for the next read.
 */
final class LogFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern BOOT_STARTED = Pattern.compile("Started \\w+ in [0-9.]+ seconds \\(process running for [0-9.]+\\)");

    private final Path directory;

    LogFiles(Path directory) {
        this.directory = directory;
    }

    /** One line of one log file, parsed. */
    record Entry(String file, int lineNumber, JsonNode json) {

        String text(String field) {
            var value = json.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }

        @Override
        public String toString() {
            return file + ":" + lineNumber + " " + json;
        }
    }

    List<Path> allFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + directory, e);
        }
    }

    /** The complete lines of a file in the log directory (none while it does not exist yet). */
    List<String> lines(String fileName) {
        return completeLines(directory.resolve(fileName));
    }

    static List<String> completeLines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            var text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            var end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : text.substring(0, end).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Every line of the file as JSON; a line that is not a JSON object fails with its file and number. */
    List<Entry> entries(String fileName) {
        var entries = new ArrayList<Entry>();
        var lines = lines(fileName);
        for (int i = 0; i < lines.size(); i++) {
            entries.add(new Entry(fileName, i + 1, parseObject(fileName, i + 1, lines.get(i))));
        }
        return entries;
    }

    List<Entry> entriesWithRequestId(String fileName, String requestId) {
        return entries(fileName).stream().filter(entry -> requestId.equals(entry.text("request_id"))).toList();
    }

    /** Boot's "Started … in … seconds" message of a service, for the startup report. */
    Optional<String> bootStartupLine(Service service) {
        return lines(service.logFile()).stream()
                .map(BOOT_STARTED::matcher)
                .filter(Matcher::find)
                .map(Matcher::group)
                .findFirst();
    }

    private static JsonNode parseObject(String fileName, int lineNumber, String line) {
        try {
            var json = JSON.readTree(line);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JacksonException e) {
            // reported below with the line itself
        }
        throw new AssertionError(fileName + ":" + lineNumber + " is not a JSON object: " + line);
    }
}
