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
 * {@code hash = sha256(prevHash + "\n" + canonical form)}, so changing, removing or reordering a stored row breaks
 * the link to the next one. Timestamps are kept to the microsecond, PostgreSQL's precision, so a row read back
 * hashes exactly as it was written.
 */
public record AuditRecord(UUID eventId, Instant occurredAt, String service, String instanceId, long seq,
                          String userId, String resource, String action, String result, String reason,
                          String clientIp, String requestId, String prevHash, String hash) {

    /** The {@code prevHash} of the first row of every chain. */
    public static final String GENESIS = "0".repeat(64);

    /** Links {@code event} after the row whose hash is {@code prevHash}. */
    static AuditRecord link(AuditEvent event, String service, String instanceId, long seq, String prevHash) {
        AuditRecord unsigned = new AuditRecord(event.eventId(), event.timestamp().truncatedTo(ChronoUnit.MICROS), service,
                instanceId, seq, event.userId(), event.resource(), event.action(), event.result().label(),
                event.reason(), event.clientIp(), event.requestId(), prevHash, null);
        return unsigned.withHash(unsigned.expectedHash());
    }

    /** The hash this row must carry given its content and {@code prevHash}. */
    public String expectedHash() {
        StringBuilder canonical = new StringBuilder(prevHash).append('\n');
        for (Object field : new Object[] {eventId, occurredAt, service, instanceId, seq, userId, resource, action,
                result, reason, clientIp, requestId}) {
            // length-prefixed, with null distinct from "", so no two different rows share a canonical form
            String text = field == null ? null : field.toString();
            canonical.append(text == null ? "-" : text.length() + ":" + text).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private AuditRecord withHash(String newHash) {
        return new AuditRecord(eventId, occurredAt, service, instanceId, seq, userId, resource, action, result, reason,
                clientIp, requestId, prevHash, newHash);
    }
}
