package io.secureconnect.common.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.secureconnect.common.db.DatabaseCreator;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared {@code audit} database: created and migrated on first use (by this library's own Flyway history,
 * apart from the service's), monthly partitions made ahead of time and dropped whole once past retention.
 * Nothing here runs at startup, so a service starts even while the audit database is down.
 * <p>
 * The login may be the schema's owner (locally) or a member of {@code audit_writer} that may only add and read rows
 * (production, S13): it then creates partitions through the owner's {@code audit_create_partition} function and
 * leaves the retention drop to the owner.
 */
final class AuditTrailStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditTrailStore.class);
    private static final Pattern PARTITION = Pattern.compile("audit_events_y(\\d{4})m(\\d{2})");
    private static final long PARTITION_LOCK = 0x5C_A0D1_7L; // advisory lock for partition DDL; V2 uses it too

    private static final String INSERT = """
            INSERT INTO audit_events (event_id, occurred_at, service, instance_id, seq, user_id, resource, action, result,
                                      reason, client_ip, request_id, prev_hash, hash, chain)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    private final AuditTrailProperties properties;
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();
    private volatile HikariDataSource pool;
    private volatile boolean migrated;
    private boolean reportedNotOwner;

    AuditTrailStore(AuditTrailProperties properties) {
        this.properties = properties;
    }

    /** The database, created and migrated if that has not happened yet; throws while it cannot be reached. */
    synchronized DataSource dataSource() {
        if (!migrated) {
            // every attempt until the first success, since the server may have been down at the first one
            DatabaseCreator.createIfMissing(properties.url(), properties.username(), properties.password());
            if (pool == null) {
                pool = newPool();
            }
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/audit")
                    .table("audit_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            migrated = true;
            maintainPartitions(Instant.now());
        }
        return pool;
    }

    /** Writes the records in one transaction; rows already there (a replay) are left as they are. */
    void insert(List<AuditRecord> records) throws SQLException {
        DataSource dataSource = dataSource();
        ensurePartitionsFor(records);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (AuditRecord record : records) {
                    insert.setObject(1, record.eventId());
                    insert.setObject(2, OffsetDateTime.ofInstant(record.occurredAt(), ZoneOffset.UTC));
                    insert.setString(3, record.service());
                    insert.setString(4, record.instanceId());
                    insert.setLong(5, record.seq());
                    insert.setString(6, record.userId());
                    insert.setString(7, record.resource());
                    insert.setString(8, record.action());
                    insert.setString(9, record.result());
                    insert.setString(10, record.reason());
                    insert.setString(11, record.clientIp());
                    insert.setString(12, record.requestId());
                    insert.setString(13, record.prevHash());
                    insert.setString(14, record.hash());
                    insert.setString(15, record.chainForm());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Creates this month's partition and the next two, and drops those entirely older than the retention. */
    void maintainPartitions(Instant now) {
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Set<YearMonth> wanted = new TreeSet<>(List.of(current.minusMonths(1), current, current.plusMonths(1),
                current.plusMonths(2)));
        try (Connection connection = pool.getConnection()) {
            createPartitions(connection, wanted);
            if (ownsTheTable(connection)) {
                dropExpired(connection, now.minus(properties.retention()));
            } else if (!reportedNotOwner) {
                log.info("The audit login does not own audit_events: expired partitions are left to the owner to drop");
                reportedNotOwner = true;
            }
        } catch (SQLException e) {
            log.warn("Audit partition maintenance failed: {}", e.getMessage());
        }
    }

    private void ensurePartitionsFor(List<AuditRecord> records) throws SQLException {
        Set<YearMonth> missing = new TreeSet<>();
        for (AuditRecord record : records) {
            YearMonth month = YearMonth.from(record.occurredAt().atOffset(ZoneOffset.UTC));
            if (!partitions.contains(month)) {
                missing.add(month);
            }
        }
        if (!missing.isEmpty()) {
            try (Connection connection = pool.getConnection()) {
                createPartitions(connection, missing);
            }
        }
    }

    private void createPartitions(Connection connection, Set<YearMonth> months) throws SQLException {
        connection.setAutoCommit(false);
        // the function runs as the table's owner, so a login that may only insert can still start a new month; it
        // takes the advisory lock that keeps every instance's partition DDL one at a time
        try (PreparedStatement create = connection.prepareStatement("SELECT audit_create_partition(?)")) {
            for (YearMonth month : months) {
                create.setObject(1, month.atDay(1));
                create.execute();
            }
            connection.commit();
            partitions.addAll(months);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private static boolean ownsTheTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet owner = statement.executeQuery(
                     "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class WHERE oid = 'audit_events'::regclass")) {
            return owner.next() && owner.getBoolean(1);
        }
    }

    private void dropExpired(Connection connection, Instant horizon) throws SQLException {
        YearMonth horizonMonth = YearMonth.from(horizon.atOffset(ZoneOffset.UTC));
        List<String> expired = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet children = statement.executeQuery("""
                     SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'audit_events'::regclass
                     """)) {
            while (children.next()) {
                Matcher name = PARTITION.matcher(children.getString(1));
                // a partition is dropped only when its last day is past the horizon: no row in it is still kept
                if (name.matches() && YearMonth.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)))
                        .isBefore(horizonMonth)) {
                    expired.add(children.getString(1));
                }
            }
        }
        for (String partition : expired) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + PARTITION_LOCK + ")");
                statement.execute("DROP TABLE IF EXISTS " + partition);
                connection.commit();
                log.info("Dropped audit partition {} (retention {})", partition, properties.retention());
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    static String partitionName(YearMonth month) {
        return "audit_events_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
    }

    static AuditRecord map(ResultSet row) throws SQLException {
        return new AuditRecord(row.getObject("event_id", UUID.class),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(), row.getString("service"),
                row.getString("instance_id"), row.getLong("seq"), row.getString("user_id"), row.getString("resource"),
                row.getString("action"), row.getString("result"), row.getString("reason"), row.getString("client_ip"),
                row.getString("request_id"), row.getString("prev_hash"), row.getString("hash"), row.getString("chain"));
    }

    private HikariDataSource newPool() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("audit-trail");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(0); // no connection held while nothing is audited
        config.setIdleTimeout(30_000);
        config.setConnectionTimeout(3_000);
        config.setInitializationFailTimeout(-1); // an unreachable database must not fail the service
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        return new HikariDataSource(config);
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
