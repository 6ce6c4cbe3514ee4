package io.secureconnect.common.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
 * S13 against a real PostgreSQL audit database: someone with the database owner's rights but without the chain key
 * rewrites rows the way the old plain SHA-256 chain allowed, or cuts rows off a chain's end, and the verification
 * says so; a login that may only insert still writes, partitions included, but cannot change a row.
 */
class AuditChainTamperingIntegrationTest {

    private static final Instant EVER = Instant.EPOCH;
    private static TestDatabase database;
    private static JdbcClient jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    static void createAuditDatabase() {
        database = TestDatabases.create();
        jdbc = JdbcClient.create(database.dataSource());
    }

    @AfterAll
    static void dropAuditDatabase() {
        database.drop();
    }

    @Test
    void aRowChangedAndRehashedWithPlainSha256IsReportedAsChanged() throws Exception {
        record("rehash-service", 5);
        AuditRecord original = row("rehash-service", 3);

        // what the unkeyed chain let the database's owner do: edit the row and recompute its SHA-256
        AuditRecord edited = withReason(original, "nothing happened", AuditRecord.LEGACY);
        withTriggersOff("UPDATE audit_events SET reason = 'nothing happened', hash = '" + edited.expectedHash(null)
                + "' WHERE service = 'rehash-service' AND seq = 3");

        AuditTrail.Verification verification = verify("rehash-service");
        assertThat(verification.firstBroken().seq()).isEqualTo(3);
        assertThat(verification.firstBroken().problem()).contains("was changed");
    }

    @Test
    void aChainsEndRewrittenInThePlainSha256FormIsReported() throws Exception {
        record("downgrade-service", 5);

        rewriteUnkeyed("downgrade-service", 3);

        AuditTrail.Verification verification = verify("downgrade-service");
        assertThat(verification.firstBroken().seq()).isEqualTo(3);
        assertThat(verification.firstBroken().problem()).contains("unkeyed row follows keyed ones");
    }

    @Test
    void rowsWrittenBeforeTheChainWasKeyedStillVerifyAndAreCountedAsUnkeyed() throws Exception {
        List<AuditRecord> legacy = new ArrayList<>();
        String previous = AuditRecord.GENESIS;
        for (int seq = 1; seq <= 3; seq++) {
            AuditRecord row = legacyRecord("legacy-service", seq, previous, "before the key");
            legacy.add(row);
            previous = row.hash();
        }
        try (AuditTrailStore store = new AuditTrailStore(properties(database.username()))) {
            store.insert(legacy);
        }

        AuditTrail.Verification verification = verify("legacy-service");
        assertThat(verification.intact()).isTrue();
        assertThat(verification.unkeyed()).isEqualTo(3);
    }

    @Test
    void rowsCutOffAChainsEndAreReportedThroughTheExportedHead() throws Exception {
        record("truncated-service", 6);
        assertThat(new AuditChainHeads(headFile()).readAll()).anySatisfy(head -> assertThat(head)
                .extracting(AuditChainHeads.Head::service, AuditChainHeads.Head::seq).containsExactly("truncated-service", 6L));

        withTriggersOff("DELETE FROM audit_events WHERE service = 'truncated-service' AND seq > 4");

        AuditTrail.Verification verification = verify("truncated-service");
        assertThat(verification.checked()).isEqualTo(4);
        assertThat(verification.firstBroken().seq()).isEqualTo(6);
        assertThat(verification.firstBroken().problem()).contains("truncated");
    }

    @Test
    void headsExportedFromAnotherDatabaseAreNotHeldAgainstThisOne() throws Exception {
        record("moved-service", 2);
        new AuditChainHeads(headFile()).append(List.of(new AuditChainHeads.Head("elsewhere:5432/audit", "moved-service",
                "one", 9, "f".repeat(64), Instant.now(), Instant.now())));

        AuditTrail.Verification verification = verify("moved-service");
        assertThat(verification.intact()).isTrue();
        assertThat(verification.headsChecked()).as("only this database's heads").isBetween(1, 2);
    }

    @Test
    void aWholeChainRewrittenConsistentlyIsReportedThroughTheExportedHead() throws Exception {
        record("rewritten-service", 4);

        rewriteUnkeyed("rewritten-service", 1);

        AuditTrail.Verification verification = verify("rewritten-service");
        assertThat(verification.unkeyed()).as("the rows alone look like an old unkeyed chain").isEqualTo(4);
        assertThat(verification.headsChecked()).isPositive();
        // the first exported head checked: the one from the writer's first batch or its last
        assertThat(verification.firstBroken().seq()).isBetween(1L, 4L);
        assertThat(verification.firstBroken().problem()).contains("rewritten");
    }

    @Test
    void headsAreExportedAtIntervalsWhileTheWriterRuns() throws Exception {
        try (AuditTrailStore store = new AuditTrailStore(properties(database.username()));
             DatabaseAuditSink sink = sink(store, properties(database.username()), "interval-service")) {
            AuditLogger audit = new AuditLogger("interval-service", List.of(sink), new SimpleMeterRegistry());
            audit.success("test.first", "item:1");
            await().atMost(Duration.ofSeconds(30)).until(() -> exportedSeqs("interval-service").contains(1L));
            audit.success("test.second", "item:2");
            await().atMost(Duration.ofSeconds(30)).until(() -> exportedSeqs("interval-service").contains(2L));
        }
    }

    @Test
    void aLoginThatMayOnlyInsertWritesIntoNewMonthsButCannotChangeARow() throws Exception {
        try (AuditTrailStore owner = new AuditTrailStore(properties(database.username()))) {
            owner.dataSource(); // the owner migrates; the writer's login could not
        }
        String writer = "sc_test_audit_writer_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("CREATE ROLE " + writer + " LOGIN IN ROLE audit_writer").update();
        try {
            Instant nextYear = Instant.now().plus(Duration.ofDays(400));
            try (AuditTrailStore store = new AuditTrailStore(properties(writer))) {
                store.insert(List.of(AuditRecord.link(new AuditEvent(UUID.randomUUID(), nextYear, "test", null, "item",
                        "test.future", AuditResult.SUCCESS, null, null, null), "writer-service", "w", 1,
                        AuditRecord.GENESIS, AuditTrailIntegrationTest.KEY)));
                JdbcClient asWriter = JdbcClient.create(store.dataSource());
                assertThatThrownBy(() -> asWriter.sql("UPDATE audit_events SET reason = 'x' WHERE service = 'writer-service'")
                        .update()).rootCause().hasMessageContaining("permission denied");
                assertThatThrownBy(() -> asWriter.sql("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
                        .update()).rootCause().hasMessageContaining("must be owner");
                assertThat(new AuditTrail(store, AuditTrailIntegrationTest.KEY, new AuditChainHeads(headFile()),
                        properties(writer)).verify(EVER, nextYear.plusSeconds(1), "writer-service").intact()).isTrue();
            }
        } finally {
            jdbc.sql("DROP ROLE " + writer).update();
        }
    }

    /** Replaces rows {@code fromSeq}.. of a chain by unkeyed ones with a different reason, consistently linked. */
    private static void rewriteUnkeyed(String service, long fromSeq) throws SQLException {
        List<AuditRecord> rows = jdbcRows(service);
        String previous = fromSeq == 1 ? AuditRecord.GENESIS : rows.get((int) fromSeq - 2).hash();
        StringBuilder updates = new StringBuilder();
        for (AuditRecord row : rows.subList((int) fromSeq - 1, rows.size())) {
            AuditRecord forged = withReason(new AuditRecord(row.eventId(), row.occurredAt(), row.service(),
                    row.instanceId(), row.seq(), row.userId(), row.resource(), row.action(), row.result(), row.reason(),
                    row.clientIp(), row.requestId(), previous, null, AuditRecord.LEGACY), "rewritten", AuditRecord.LEGACY);
            String hash = forged.expectedHash(null);
            updates.append("UPDATE audit_events SET reason = 'rewritten', chain = 'sha256', prev_hash = '").append(previous)
                    .append("', hash = '").append(hash).append("' WHERE service = '").append(service)
                    .append("' AND seq = ").append(row.seq()).append(";\n");
            previous = hash;
        }
        withTriggersOff(updates.toString());
    }

    private static AuditRecord withReason(AuditRecord row, String reason, String chain) {
        return new AuditRecord(row.eventId(), row.occurredAt(), row.service(), row.instanceId(), row.seq(), row.userId(),
                row.resource(), row.action(), row.result(), reason, row.clientIp(), row.requestId(), row.prevHash(),
                null, chain);
    }

    private static AuditRecord legacyRecord(String service, long seq, String prevHash, String reason) {
        AuditRecord unhashed = new AuditRecord(UUID.randomUUID(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                service, "old", seq, null, "item", "test.legacy", "success", reason, null, null, prevHash, null,
                AuditRecord.LEGACY);
        return new AuditRecord(unhashed.eventId(), unhashed.occurredAt(), service, "old", seq, null, "item",
                "test.legacy", "success", reason, null, null, prevHash, unhashed.expectedHash(null), AuditRecord.LEGACY);
    }

    private void record(String service, int count) {
        AuditTrailProperties properties = properties(database.username());
        try (AuditTrailStore store = new AuditTrailStore(properties);
             DatabaseAuditSink sink = sink(store, properties, service)) {
            AuditLogger audit = new AuditLogger(service, List.of(sink), new SimpleMeterRegistry());
            for (int i = 0; i < count; i++) {
                audit.success("test.event", "item:" + i);
            }
        }
        assertThat(jdbcRows(service)).as("written at the latest when the sink closes").hasSize(count);
    }

    private DatabaseAuditSink sink(AuditTrailStore store, AuditTrailProperties properties, String service) {
        return new DatabaseAuditSink(store, properties, service, "one", new SimpleMeterRegistry(),
                AuditTrailIntegrationTest.KEY, new AuditChainHeads(headFile()));
    }

    private AuditTrail.Verification verify(String service) {
        try (AuditTrailStore store = new AuditTrailStore(properties(database.username()))) {
            return new AuditTrail(store, AuditTrailIntegrationTest.KEY, new AuditChainHeads(headFile()),
                    properties(database.username())).verify(EVER, Instant.now().plusSeconds(60), service);
        }
    }

    private List<Long> exportedSeqs(String service) throws Exception {
        return new AuditChainHeads(headFile()).readAll().stream().filter(h -> h.service().equals(service))
                .map(AuditChainHeads.Head::seq).toList();
    }

    private static AuditRecord row(String service, long seq) {
        return jdbcRows(service).stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
    }

    private static List<AuditRecord> jdbcRows(String service) {
        return jdbc.sql("SELECT * FROM audit_events WHERE service = :service ORDER BY seq").param("service", service)
                .query((rs, n) -> AuditTrailStore.map(rs)).list();
    }

    private static void withTriggersOff(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica"); // what an intruder with superuser rights does
            statement.execute(sql);
        }
    }

    private Path headFile() {
        return dir.resolve("audit-chain-heads.jsonl");
    }

    private AuditTrailProperties properties(String username) {
        return new AuditTrailProperties(true, database.jdbcUrl(), username, database.password(), dir.resolve("spool"),
                null, 10_000, 500, Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofDays(400),
                Duration.ofHours(6), null, dir.resolve("unused.key"), headFile(), Duration.ofMillis(100));
    }
}
