package io.secureconnect.common.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable audit trail against a real PostgreSQL audit database, reached directly or through a proxy whose
 * network the test cuts: outages lose nothing and write nothing twice, rows cannot be changed, and the hash chain
 * reveals a row edited behind the trigger's back.
 */
class AuditTrailIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    static final AuditChainKey KEY = AuditChainKey.of(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    private static TestDatabase database;
    private static JdbcClient jdbc;
    private static AuditTrailStore reader;

    @TempDir
    Path spoolDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void createAuditDatabase() {
        database = TestDatabases.create();
        jdbc = JdbcClient.create(database.dataSource());
    }

    @AfterAll
    static void dropAuditDatabase() {
        if (reader != null) {
            reader.close();
        }
        database.drop();
    }

    @Test
    void eventsRecordedWhileTheDatabaseIsCutOffArriveExactlyOnceAndInOrder() throws Exception {
        URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        List<UUID> recorded = new ArrayList<>();
        try (CuttableProxy proxy = new CuttableProxy(direct.getHost(), direct.getPort());
             AuditTrailStore store = new AuditTrailStore(properties(viaProxy(proxy)));
             DatabaseAuditSink sink = new DatabaseAuditSink(store, properties(viaProxy(proxy)), "outage-service", "one",
                     meters, KEY, heads())) {
            AuditLogger audit = new AuditLogger("outage-service", List.of(sink), meters);
            for (int i = 0; i < 40; i++) {
                recorded.add(audit.success("test.before", "item:" + i).eventId());
            }
            await().atMost(PATIENCE).ignoreExceptions().until(() -> rows("outage-service") == 40);

            proxy.cut();
            for (int i = 0; i < 60; i++) {
                recorded.add(audit.denied("test.during", "item:" + i, "outage").eventId());
            }
            await().atMost(PATIENCE).ignoreExceptions().until(() -> sink.spooled() == 60);
            assertThat(meters.get("audit.events.spooled").gauge().value()).isEqualTo(60.0);
            assertThat(rows("outage-service")).isEqualTo(40);

            proxy.restore();
            for (int i = 0; i < 20; i++) {
                recorded.add(audit.success("test.after", "item:" + i).eventId());
            }
            await().atMost(PATIENCE).ignoreExceptions().until(() -> rows("outage-service") == 120 && sink.spooled() == 0);
        }

        assertThat(jdbc.sql("SELECT event_id FROM audit_events WHERE service = 'outage-service' ORDER BY seq")
                .query(UUID.class).list()).containsExactlyElementsOf(recorded);
        assertThat(jdbc.sql("SELECT count(DISTINCT event_id) FROM audit_events WHERE service = 'outage-service'")
                .query(Long.class).single()).isEqualTo(120);
        assertThat(jdbc.sql("SELECT max(seq) FROM audit_events WHERE service = 'outage-service'")
                .query(Long.class).single()).isEqualTo(120);
        assertThat(directTrail().verify(Instant.EPOCH, Instant.now().plusSeconds(60), "outage-service").intact()).isTrue();
    }

    @Test
    void spoolOfAnInstanceThatStoppedDuringAnOutageIsReplayedByTheNextInstance() throws Exception {
        URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        List<UUID> recorded = new ArrayList<>();
        try (CuttableProxy proxy = new CuttableProxy(direct.getHost(), direct.getPort())) {
            proxy.cut();
            try (AuditTrailStore store = new AuditTrailStore(properties(viaProxy(proxy)));
                 DatabaseAuditSink first = new DatabaseAuditSink(store, properties(viaProxy(proxy)), "restart-service",
                         "first", meters, KEY, heads())) {
                AuditLogger audit = new AuditLogger("restart-service", List.of(first), meters);
                for (int i = 0; i < 5; i++) {
                    recorded.add(audit.success("test.spooled", "item:" + i).eventId());
                }
                await().atMost(PATIENCE).ignoreExceptions().until(() -> first.spooled() == 5);
            }
        }
        assertThat(spoolDir.resolve("restart-service@first.spool")).exists();

        try (AuditTrailStore store = new AuditTrailStore(properties(database.jdbcUrl()));
             DatabaseAuditSink next = new DatabaseAuditSink(store, properties(database.jdbcUrl()), "restart-service",
                     "second", new SimpleMeterRegistry(), KEY, heads())) {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> rows("restart-service") == 5 && next.spooled() == 0);
        }
        assertThat(jdbc.sql("SELECT event_id FROM audit_events WHERE instance_id = 'first' ORDER BY seq")
                .query(UUID.class).list()).containsExactlyElementsOf(recorded);
        assertThat(spoolDir.resolve("restart-service@first.spool")).doesNotExist();
    }

    @Test
    void rowsCannotBeChangedAndAnEditBehindTheTriggersBackBreaksTheChain() throws Exception {
        record("tamper-service", 10);

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_events SET reason = 'x' WHERE service = 'tamper-service'").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_events WHERE service = 'tamper-service'").update())
                .rootCause().hasMessageContaining("append-only");
        assertThat(directTrail().verify(Instant.EPOCH, Instant.now().plusSeconds(60), "tamper-service").intact()).isTrue();

        withTriggersOff("UPDATE audit_events SET reason = 'nothing happened' WHERE service = 'tamper-service' AND seq = 4");

        AuditTrail.Verification verification = directTrail().verify(Instant.EPOCH, Instant.now().plusSeconds(60), "tamper-service");
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBroken().seq()).isEqualTo(4);
        assertThat(verification.firstBroken().problem()).contains("changed");
    }

    @Test
    void aRowDeletedBehindTheTriggersBackLeavesAGapTheVerificationReports() throws Exception {
        record("gap-service", 6);

        withTriggersOff("DELETE FROM audit_events WHERE service = 'gap-service' AND seq = 3");

        AuditTrail.Verification verification = directTrail().verify(Instant.EPOCH, Instant.now().plusSeconds(60), "gap-service");
        assertThat(verification.firstBroken().seq()).isEqualTo(4);
        assertThat(verification.firstBroken().problem()).contains("missing");
    }

    @Test
    void writingTheSameRecordsAgainChangesNothing() throws Exception {
        try (AuditTrailStore store = new AuditTrailStore(properties(database.jdbcUrl()))) {
            List<AuditRecord> records = List.of(
                    AuditRecord.link(event("test.once", Instant.now()), "replay-service", "x", 1, AuditRecord.GENESIS, KEY));
            store.insert(records);
            store.insert(records);
        }
        assertThat(rows("replay-service")).isEqualTo(1);
    }

    @Test
    void retentionDropsWholePartitionsOlderThanItAndKeepsTheCurrentOnes() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(500));
        String oldPartition = AuditTrailStore.partitionName(YearMonth.from(longAgo.atOffset(ZoneOffset.UTC)));
        String currentPartition = AuditTrailStore.partitionName(YearMonth.now(ZoneOffset.UTC));
        try (AuditTrailStore store = new AuditTrailStore(properties(database.jdbcUrl()))) {
            store.insert(List.of(AuditRecord.link(event("test.old", longAgo), "old-service", "x", 1, AuditRecord.GENESIS, KEY)));
            assertThat(partitionExists(oldPartition)).isTrue();

            store.maintainPartitions(Instant.now());
        }
        assertThat(partitionExists(oldPartition)).isFalse();
        assertThat(partitionExists(currentPartition)).isTrue();
        assertThat(rows("old-service")).isZero();
    }

    private void record(String service, int count) {
        try (AuditTrailStore store = new AuditTrailStore(properties(database.jdbcUrl()));
             DatabaseAuditSink sink = new DatabaseAuditSink(store, properties(database.jdbcUrl()), service, "one", meters,
                     KEY, heads())) {
            AuditLogger audit = new AuditLogger(service, List.of(sink), meters);
            for (int i = 0; i < count; i++) {
                audit.success("test.event", "item:" + i);
            }
        }
        assertThat(rows(service)).as("written at the latest when the sink closes").isEqualTo(count);
    }

    private static void withTriggersOff(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica"); // what an intruder with superuser rights does
            statement.execute(sql);
        }
    }

    private static boolean partitionExists(String name) {
        return jdbc.sql("SELECT count(*) FROM pg_class WHERE relname = :name").param("name", name)
                .query(Integer.class).single() == 1;
    }

    private static long rows(String service) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE service = :service").param("service", service)
                .query(Long.class).optional().orElse(0L);
    }

    private static AuditEvent event(String action, Instant at) {
        return new AuditEvent(UUID.randomUUID(), at, "test", null, "item", action, AuditResult.SUCCESS, null, null, null);
    }

    private AuditChainHeads heads() {
        return new AuditChainHeads(spoolDir.resolve("heads.jsonl"));
    }

    private AuditTrail directTrail() {
        if (reader == null) {
            reader = new AuditTrailStore(properties(database.jdbcUrl()));
        }
        return new AuditTrail(reader, KEY, heads(), properties(database.jdbcUrl()));
    }

    private static String viaProxy(CuttableProxy proxy) {
        return database.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    }

    private AuditTrailProperties properties(String url) {
        return new AuditTrailProperties(true, url, database.username(), database.password(), spoolDir, null, 10_000,
                500, Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofDays(400), Duration.ofHours(6), null,
                spoolDir.resolve("unused.key"), spoolDir.resolve("heads.jsonl"), Duration.ofMinutes(1));
    }
}
