package io.secureconnect.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run to a results folder: {@code <benchmark>-<UTC timestamp>.json} (everything, for tools),
 * {@code <benchmark>-<UTC timestamp>.md} (for people) and {@code latest-<benchmark>.md} (the same page, at a fixed
 * name to link to). Each file appears whole or not at all: it is written beside its target as {@code .tmp} and moved.
 */
public final class ResultWriter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path directory;

    public ResultWriter(Path directory) {
        this.directory = directory;
    }

    public record Written(Path json, Path markdown, Path latest) {
    }

    public Written write(BenchmarkRun run) throws IOException {
        Files.createDirectories(directory);
        String stem = run.benchmark() + "-" + TIMESTAMP.format(run.startedAt());
        String markdown = MarkdownReport.render(run);
        Written written = new Written(directory.resolve(stem + ".json"), directory.resolve(stem + ".md"),
                directory.resolve("latest-" + run.benchmark() + ".md"));
        replace(written.json(), JSON.writeValueAsString(run) + "\n");
        replace(written.markdown(), markdown);
        replace(written.latest(), markdown);
        return written;
    }

    private static void replace(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
