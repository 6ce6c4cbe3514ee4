package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/backup against the real PostgreSQL the other tests use (SC_TEST_PG_URL, SC_TEST_PG_USER,
 * SC_TEST_PG_PASSWORD; default 127.0.0.1:5432, user postgres): back up a scratch database, drop it, restore it,
 * and find every row.
 */
class BackupRestoreTest {

    private static final URI SERVER = URI.create(setting("SC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/")
            .substring("jdbc:".length()));
    private static final String HOST = SERVER.getHost();
    private static final String PORT = Integer.toString(SERVER.getPort() < 0 ? 5432 : SERVER.getPort());
    private static final String USER = setting("SC_TEST_PG_USER", "postgres");
    private static final String PASSWORD = setting("SC_TEST_PG_PASSWORD", "");
    private static final Path BACKUP_SCRIPTS = Repo.path("deploy/backup");

    @TempDir
    Path backups;
    private final String database = "ops_backup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void scratchDatabaseWithData() throws SQLException {
        admin("CREATE DATABASE " + database);
        created.add(database);
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE messages (id uuid PRIMARY KEY, seq bigint NOT NULL UNIQUE, body text NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO messages (id, seq, body) SELECT gen_random_uuid(), g, 'message ' || g || ' ✓'"
                    + " FROM generate_series(1, 500) g");
            s.execute("CREATE INDEX messages_body ON messages (body)");
        }
    }

    @AfterEach
    void dropScratchDatabases() throws SQLException {
        for (String name : created) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Test
    void backupDropRestoreFindsTheDataIntact() throws Exception {
        String before = fingerprint(database);

        Tool.succeed(BACKUP_SCRIPTS, environment(), "sh", "pg-backup.sh");
        Path dump = onlyDump();
        assertThat(dump.getFileName().toString()).matches(database + "-\\d{8}T\\d{6}Z\\.dump");

        admin("DROP DATABASE " + database);
        Tool.succeed(BACKUP_SCRIPTS, environment(), "sh", "pg-restore.sh", dump.toString(), database);

        assertThat(fingerprint(database)).isEqualTo(before);
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet index = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'messages_body'")) {
            index.next();
            assertThat(index.getInt(1)).as("index restored").isEqualTo(1);
        }
    }

    @Test
    void restoreRefusesToOverwriteAnExistingDatabaseUnlessAskedTo() throws Exception {
        Tool.succeed(BACKUP_SCRIPTS, environment(), "sh", "pg-backup.sh");
        Path dump = onlyDump();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("DELETE FROM messages WHERE seq > 10");
        }

        Tool.Result refused = Tool.run(BACKUP_SCRIPTS, environment(), "sh", "pg-restore.sh", dump.toString(), database);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("exists");

        Tool.succeed(BACKUP_SCRIPTS, environment(), "sh", "pg-restore.sh", dump.toString(), database, "--replace");
        assertThat(count(database)).isEqualTo(500);
    }

    @Test
    void oldDumpsAreRemovedButTheNewestIsKept() throws Exception {
        Path directory = Files.createDirectories(backups.resolve(database));
        Path old = Files.writeString(directory.resolve(database + "-20200101T020000Z.dump"), "old");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(30, ChronoUnit.DAYS)));
        Path recent = Files.writeString(directory.resolve(database + "-20200102T020000Z.dump"), "recent");
        Files.setLastModifiedTime(recent, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));

        Tool.succeed(BACKUP_SCRIPTS, environment(), "sh", "pg-backup.sh");

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .contains(recent.getFileName().toString())
                    .doesNotContain(old.getFileName().toString())
                    .hasSize(2);
        }
    }

    @Test
    void aDatabaseThatCannotBeDumpedFailsTheRunWithoutLeavingAPartialFile() throws Exception {
        Map<String, String> environment = new HashMap<>(environment());
        environment.put("BACKUP_DATABASES", database + "_missing " + database);

        Tool.Result result = Tool.run(BACKUP_SCRIPTS, environment, "sh", "pg-backup.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains(database + "_missing: FAILED");
        assertThat(onlyDump()).exists();
        try (Stream<Path> files = Files.walk(backups)) {
            assertThat(files.filter(f -> f.toString().endsWith(".partial"))).isEmpty();
        }
    }

    private Map<String, String> environment() {
        return Map.of("PGHOST", HOST, "PGPORT", PORT, "PGUSER", USER, "PGPASSWORD", PASSWORD,
                "BACKUP_DIR", backups.toString(), "BACKUP_DATABASES", database, "BACKUP_RETENTION_DAYS", "7");
    }

    private Path onlyDump() throws IOException {
        try (Stream<Path> files = Files.list(backups.resolve(database))) {
            List<Path> dumps = files.filter(f -> f.toString().endsWith(".dump")).toList();
            assertThat(dumps).hasSize(1);
            return dumps.getFirst();
        }
    }

    /** Every row in a stable order, hashed: equal before and after means the data came back unchanged. */
    private static String fingerprint(String db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) || ':' || md5(string_agg(id || '|' || seq || '|' || body"
                     + " || '|' || created_at, ',' ORDER BY seq)) FROM messages")) {
            r.next();
            return r.getString(1);
        }
    }

    private static int count(String db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM messages")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + db, USER, PASSWORD);
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
