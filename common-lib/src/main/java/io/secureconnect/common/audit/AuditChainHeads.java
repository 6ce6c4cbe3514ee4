package io.secureconnect.common.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An append-only file, outside the database, of chain heads as they were written: one JSON line per
 * (service, instance, seq, hash). A chain in the database can only grow, so every head ever exported must still be
 * there with the same hash; one that is gone or different shows the chain was truncated or rewritten, which the
 * chain alone cannot show (its last rows have no successor to break). The services of one host may share the file:
 * each append takes an exclusive file lock. Each head names the database it was written to ({@code host:port/name},
 * never credentials), so heads of another database (a test's throwaway one, a moved server) are not held against
 * this one; a database dropped and recreated under the same address is still held to them.
 */
final class AuditChainHeads {

    private static final Logger log = LoggerFactory.getLogger(AuditChainHeads.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A JVM may not hold two locks on one file; the sinks of one JVM (tests) take turns here first. */
    private static final Object IN_PROCESS = new Object();

    private static final Pattern DATABASE = Pattern.compile("^jdbc:postgresql://([^/?]*)/([^?;]*).*$");

    /** The last row of a chain in {@code database} at {@code exportedAt}. */
    record Head(String database, String service, String instanceId, long seq, String hash, Instant occurredAt,
                Instant exportedAt) {

        static Head of(String database, AuditRecord record, Instant exportedAt) {
            return new Head(database, record.service(), record.instanceId(), record.seq(), record.hash(),
                    record.occurredAt(), exportedAt);
        }
    }

    /** {@code host:port/name} of a JDBC URL: what the heads are keyed by, without parameters that may hold a password. */
    static String databaseOf(String jdbcUrl) {
        Matcher url = DATABASE.matcher(jdbcUrl == null ? "" : jdbcUrl);
        return url.matches() ? url.group(1) + "/" + url.group(2) : "unknown";
    }

    private final Path file;

    AuditChainHeads(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Appends the heads and forces them to disk. */
    void append(Collection<Head> heads) throws IOException {
        if (heads.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Head head : heads) {
            lines.append(JSON.writeValueAsString(head)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        synchronized (IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
                 FileLock ignored = channel.lock()) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            }
        }
    }

    /** Every head exported so far, oldest first; an unreadable line (a crash mid-write) is skipped. */
    List<Head> readAll() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Head> heads = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                heads.add(JSON.readValue(line, Head.class));
            } catch (JacksonException e) {
                log.warn("Skipping an unreadable line of the audit chain heads {}: {}", file, e.getOriginalMessage());
            }
        }
        return heads;
    }
}
