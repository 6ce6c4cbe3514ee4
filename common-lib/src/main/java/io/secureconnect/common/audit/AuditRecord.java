package io.secureconnect.common.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * An audit event as stored: the event plus its place in the hash chain of the instance that recorded it.
 * {@code hash = HMAC-SHA256(chain key, prevHash + "\n" + canonical form)}, so changing, removing or reordering a
 * stored row breaks the link to the next one, and only a holder of the key (never the database) can compute a
 * valid replacement. Rows written before the chain was keyed carry {@code chain = "sha256"} and a plain SHA-256 of
 * the same text. Timestamps are kept to the microsecond, PostgreSQL's precision, so a row read back hashes exactly
 * as it was written.
 */
public record AuditRecord(UUID eventId, Instant occurredAt, String service, String instanceId, long seq,
                          String userId, String resource, String action, String result, String reason,
                          String clientIp, String requestId, String prevHash, String hash, String chain) {

    /** The {@code prevHash} of the first row of every chain. */
    public static final String GENESIS = "0".repeat(64);

    /** How every new row is chained. */
    public static final String KEYED = "hmac-sha256";

    /** The unkeyed form of rows written before the chain was keyed (and of spool lines from then, with no chain). */
    public static final String LEGACY = "sha256";

    /** Links {@code event} after the row whose hash is {@code prevHash}. */
    static AuditRecord link(AuditEvent event, String service, String instanceId, long seq, String prevHash,
                            AuditChainKey key) {
        AuditRecord unsigned = new AuditRecord(event.eventId(), event.timestamp().truncatedTo(ChronoUnit.MICROS), service,
                instanceId, seq, event.userId(), event.resource(), event.action(), event.result().label(),
                event.reason(), event.clientIp(), event.requestId(), prevHash, null, KEYED);
        return unsigned.withHash(unsigned.expectedHash(key));
    }

    /** {@link #KEYED} or {@link #LEGACY}; a spool line written before the chain was keyed has none. */
    public String chainForm() {
        return chain == null ? LEGACY : chain;
    }

    public boolean keyed() {
        return KEYED.equals(chainForm());
    }

    /** The hash this row must carry given its content, {@code prevHash} and chain form. */
    String expectedHash(AuditChainKey key) {
        return switch (chainForm()) {
            case KEYED -> key.mac(canonical());
            case LEGACY -> sha256(canonical());
            default -> null; // an unknown form never matches: the row was changed
        };
    }

    private String canonical() {
        StringBuilder canonical = new StringBuilder(prevHash).append('\n');
        for (Object field : new Object[] {eventId, occurredAt, service, instanceId, seq, userId, resource, action,
                result, reason, clientIp, requestId}) {
            // length-prefixed, with null distinct from "", so no two different rows share a canonical form
            String text = field == null ? null : field.toString();
            canonical.append(text == null ? "-" : text.length() + ":" + text).append('\n');
        }
        return canonical.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private AuditRecord withHash(String newHash) {
        return new AuditRecord(eventId, occurredAt, service, instanceId, seq, userId, resource, action, result, reason,
                clientIp, requestId, prevHash, newHash, chain);
    }
}
