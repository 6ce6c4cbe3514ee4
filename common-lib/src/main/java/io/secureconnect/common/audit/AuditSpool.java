package io.secureconnect.common.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A file of audit records (one JSON object per line) waiting for the audit database. Each instance appends to its
 * own file ({@code <service>@<instance>.spool}) and holds a lock on it while it lives, so a file nobody holds
 * belongs to an instance that died: the next instance of the service adopts and replays it. Records carry their
 * chain position, so replaying them in file order restores exactly what would have been written.
 */
final class AuditSpool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditSpool.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean own;
    private long records;

    private AuditSpool(Path file, FileChannel channel, FileLock lock, boolean own) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.own = own;
    }

    /** This instance's spool, created (empty) and locked. */
    static AuditSpool create(Path dir, String service, String instanceId) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(service + "@" + instanceId + ".spool");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            AuditSpool spool = new AuditSpool(file, channel, channel.lock(), true);
            spool.records = spool.readAll().size();
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the audit spool in " + dir, e);
        }
    }

    /** Spools of this service left behind by instances that are gone, locked for replay. */
    static List<AuditSpool> adoptOrphans(Path dir, String service, Path except) {
        List<AuditSpool> orphans = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return orphans;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, service + "@*.spool")) {
            for (Path file : files) {
                if (!file.equals(except)) {
                    adopt(file).ifPresent(orphans::add);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list audit spools in {}: {}", dir, e.getMessage());
        }
        return orphans;
    }

    private static Optional<AuditSpool> adopt(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                AuditSpool spool = new AuditSpool(file, channel, lock, false);
                spool.records = spool.readAll().size();
                return Optional.of(spool);
            }
        } catch (OverlappingFileLockException e) {
            // held by another instance in this JVM: alive
        } catch (IOException e) {
            log.warn("Cannot adopt audit spool {}: {}", file, e.getMessage());
        }
        closeQuietly(channel);
        return Optional.empty();
    }

    Path file() {
        return file;
    }

    long size() {
        return records;
    }

    boolean isEmpty() {
        return records == 0;
    }

    /** Appends the records and forces them to disk before returning. */
    void append(List<AuditRecord> batch) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (AuditRecord record : batch) {
            lines.append(JSON.writeValueAsString(record)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        long position = channel.size();
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        channel.force(false);
        records += batch.size();
    }

    /** Every complete record in file order; a line cut short by a crash is skipped. */
    List<AuditRecord> readAll() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(channel.size()));
        long position = 0;
        while (bytes.hasRemaining() && channel.read(bytes, position) > 0) {
            position = bytes.position();
        }
        List<AuditRecord> result = new ArrayList<>();
        for (String line : new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                result.add(JSON.readValue(line, AuditRecord.class));
            } catch (JacksonException e) {
                log.warn("Skipping an unreadable line of audit spool {}: {}", file, e.getOriginalMessage());
            }
        }
        return result;
    }

    /** Everything in it reached the database: empty it (this instance's) or delete it (an adopted one). */
    void replayed() throws IOException {
        if (own) {
            channel.truncate(0);
            channel.force(true);
        } else {
            close();
            Files.deleteIfExists(file);
        }
        records = 0;
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            log.debug("Releasing the lock of {} failed", file, e);
        }
        closeQuietly(channel);
    }

    /** Closes this instance's spool at shutdown, removing the file when nothing waits in it. */
    void closeAndRemoveIfEmpty() {
        if (records == 0) {
            try {
                Files.deleteIfExists(file); // while still locked, so no one adopts it meanwhile
            } catch (IOException e) {
                log.debug("Could not remove empty spool {}", file, e);
            }
        }
        close();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do about it
            }
        }
    }
}
