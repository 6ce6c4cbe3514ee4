package io.secureconnect.common.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.secureconnect.common.paging.Page;
import io.secureconnect.common.paging.Position;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading the durable audit trail: filtered queries newest first with an opaque cursor, and verification of the
 * keyed hash chains against their content and against the chain heads exported outside the database. For admin
 * tools; services write through {@link AuditLogger}.
 */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final int VERIFY_PAGE = 2000;

    private final AuditTrailStore store;
    private final AuditChainKey key;
    private final AuditChainHeads heads;
    private final Duration retention;
    private final String database;

    AuditTrail(AuditTrailStore store, AuditChainKey key, AuditChainHeads heads, AuditTrailProperties properties) {
        this.store = store;
        this.key = key;
        this.heads = heads;
        this.retention = properties.retention();
        this.database = AuditChainHeads.databaseOf(properties.url());
    }

    /** What to look for; {@code null} fields do not filter. {@code resource} matches as a prefix. */
    public record Query(String userId, String action, String resource, String result, String service, Instant from,
                        Instant to) {
    }


    /** The first place where a chain does not hold, or {@code null} in {@link Verification} when all hold. */
    public record BrokenLink(String service, String instanceId, long seq, UUID eventId, Instant occurredAt,
                             String problem) {
    }

    /**
     * @param checked      rows checked
     * @param chains       service instances seen
     * @param unkeyed      rows among them chained with plain SHA-256, written before the chain was keyed: they prove
     *                     less (the database's owner could have recomputed them)
     * @param headsChecked exported chain heads in the range compared with the database
     * @param firstBroken  null if intact
     */
    public record Verification(long checked, int chains, long unkeyed, int headsChecked, BrokenLink firstBroken) {

        public boolean intact() {
            return firstBroken == null;
        }
    }

    /** One page of matching events, newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    public Page<AuditRecord> search(Query query, String cursor, int limit) {
        List<AuditRecord> items = new ArrayList<>();
        forEachPage(query, Position.decode(cursor), limit + 1, items::add);
        return Page.of(items, limit, last -> new Position(last.occurredAt(), last.eventId()).encode());
    }

    /** Every matching event newest first, at most {@code max}, read page by page (for exports). */
    public void forEach(Query query, int max, Consumer<AuditRecord> action) {
        Position cursor = null;
        int seen = 0;
        while (seen < max) {
            int wanted = Math.min(1000, max - seen);
            List<AuditRecord> page = new ArrayList<>();
            forEachPage(query, cursor, wanted, page::add);
            page.forEach(action);
            seen += page.size();
            if (page.size() < wanted) {
                return;
            }
            AuditRecord last = page.getLast();
            cursor = new Position(last.occurredAt(), last.eventId());
        }
    }

    private void forEachPage(Query query, Position cursor, int limit, Consumer<AuditRecord> action) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE true");
        List<Object> params = new ArrayList<>();
        condition(sql, params, "user_id = ?", query.userId());
        condition(sql, params, "action = ?", query.action());
        condition(sql, params, "result = ?", query.result());
        condition(sql, params, "service = ?", query.service());
        if (query.resource() != null) {
            condition(sql, params, "resource LIKE ? ESCAPE '\\'", escapeLike(query.resource()) + "%");
        }
        condition(sql, params, "occurred_at >= ?", utc(query.from()));
        condition(sql, params, "occurred_at < ?", utc(query.to()));
        if (cursor != null) {
            sql.append(" AND (occurred_at, event_id) < (?, ?)");
            params.add(utc(cursor.at()));
            params.add(cursor.id());
        }
        sql.append(" ORDER BY occurred_at DESC, event_id DESC LIMIT ").append(limit);
        query(sql.toString(), params, action);
    }

    /**
     * Checks every chain with rows in {@code [from, to)} (one service's, or all): each row's hash matches its content,
     * each row links to the one before it, and no sequence number is missing. Reports the first break found.
     */
    public Verification verify(Instant from, Instant to, String service) {
        long checked = 0;
        long unkeyed = 0;
        int chains = 0;
        AuditRecord previous = null;
        while (true) {
            List<AuditRecord> page = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE occurred_at >= ? AND occurred_at < ?");
            List<Object> params = new ArrayList<>(List.of(utc(from), utc(to)));
            condition(sql, params, "service = ?", service);
            if (previous != null) {
                sql.append(" AND (service, instance_id, seq) > (?, ?, ?)");
                params.addAll(List.of(previous.service(), previous.instanceId(), previous.seq()));
            }
            sql.append(" ORDER BY service, instance_id, seq LIMIT ").append(VERIFY_PAGE);
            query(sql.toString(), params, page::add);
            for (AuditRecord row : page) {
                boolean sameChain = previous != null && previous.service().equals(row.service())
                        && previous.instanceId().equals(row.instanceId());
                if (!sameChain) {
                    chains++;
                }
                String problem = problemOf(row, sameChain ? previous : predecessor(row));
                checked++;
                unkeyed += row.keyed() ? 0 : 1;
                if (problem != null) {
                    return new Verification(checked, chains, unkeyed, 0, new BrokenLink(row.service(),
                            row.instanceId(), row.seq(), row.eventId(), row.occurredAt(), problem));
                }
                previous = row;
            }
            if (page.size() < VERIFY_PAGE) {
                return verifyHeads(from, to, service, new Verification(checked, chains, unkeyed, 0, null));
            }
        }
    }

    /**
     * Every chain head exported in the range must still be in the database with the same hash: the chain walk cannot
     * see rows removed from a chain's end, or a whole chain rewritten consistently.
     */
    private Verification verifyHeads(Instant from, Instant to, String service, Verification chains) {
        List<AuditChainHeads.Head> exported;
        try {
            exported = heads.readAll();
        } catch (IOException e) {
            log.warn("Cannot read the audit chain heads {}: {}", heads.file(), e.getMessage());
            exported = List.of();
        }
        Instant kept = Instant.now().minus(retention); // older rows may be gone with their partition, legitimately
        Set<String> seen = new HashSet<>();
        int checkedHeads = 0;
        for (AuditChainHeads.Head head : exported) {
            if (!database.equals(head.database()) || head.occurredAt().isBefore(from) || !head.occurredAt().isBefore(to) || head.occurredAt().isBefore(kept)
                    || (service != null && !service.equals(head.service()))
                    || !seen.add(head.service() + "@" + head.instanceId() + "#" + head.seq())) {
                continue;
            }
            checkedHeads++;
            AuditRecord row = row(head.service(), head.instanceId(), head.seq());
            String problem = row == null
                    ? "chain head exported at " + head.exportedAt() + " is no longer in the database: the chain was truncated"
                    : row.hash().equals(head.hash()) ? null
                    : "row differs from the chain head exported at " + head.exportedAt() + ": the chain was rewritten";
            if (problem != null) {
                return new Verification(chains.checked(), chains.chains(), chains.unkeyed(), checkedHeads,
                        new BrokenLink(head.service(), head.instanceId(), head.seq(),
                                row == null ? null : row.eventId(), head.occurredAt(), problem));
            }
        }
        return new Verification(chains.checked(), chains.chains(), chains.unkeyed(), checkedHeads, null);
    }

    private String problemOf(AuditRecord row, AuditRecord previous) {
        if (!row.hash().equals(row.expectedHash(key))) {
            return "row content does not match its hash: the row was changed";
        }
        if (!row.keyed() && previous != null && previous.keyed()) {
            return "an unkeyed row follows keyed ones: the chain was rewritten without the key";
        }
        if (row.seq() == 1) {
            return AuditRecord.GENESIS.equals(row.prevHash()) ? null : "first row of the chain does not start it";
        }
        if (previous == null || previous.seq() != row.seq() - 1) {
            return "rows missing before this one: seq " + (previous == null ? row.seq() - 1 : previous.seq() + 1)
                    + " not found";
        }
        if (!previous.hash().equals(row.prevHash())) {
            return "previous row's hash differs from this row's prev_hash: the previous row was changed or replaced";
        }
        return null;
    }

    /** The row before {@code row} in its chain, wherever it is in time. */
    private AuditRecord predecessor(AuditRecord row) {
        return row.seq() <= 1 ? null : row(row.service(), row.instanceId(), row.seq() - 1);
    }

    private AuditRecord row(String service, String instanceId, long seq) {
        List<AuditRecord> found = new ArrayList<>();
        query("SELECT * FROM audit_events WHERE service = ? AND instance_id = ? AND seq = ?",
                List.of(service, instanceId, seq), found::add);
        return found.isEmpty() ? null : found.getFirst();
    }

    private void query(String sql, List<Object> params, Consumer<AuditRecord> action) {
        try (Connection connection = available().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    action.accept(AuditTrailStore.map(rows));
                }
            }
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    private DataSource available() {
        try {
            return store.dataSource();
        } catch (RuntimeException e) {
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return new ApiException(CommonErrorCode.SERVICE_UNAVAILABLE, "The audit database cannot be reached.");
    }

    private static void condition(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.add(value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
