package io.secureconnect.chat.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** KeyPackages waiting to be claimed ({@code mls_key_packages}) and the claims made of them ({@code mls_key_package_claims}). */
@Repository
class KeyPackageRepository {

    /** A KeyPackage as uploaded: its ref and the MLSMessage bytes. */
    record StoredKeyPackage(String ref, byte[] keyPackage) {
    }

    private final JdbcClient jdbc;

    KeyPackageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one-time packages; a package uploaded twice is kept once. */
    void add(UUID userId, String deviceId, List<StoredKeyPackage> packages, Instant at) {
        for (StoredKeyPackage stored : packages) {
            jdbc.sql("""
                    INSERT INTO mls_key_packages (ref, user_id, device_id, key_package, last_resort, uploaded_at)
                    VALUES (:ref, :u, :d, :kp, false, :at) ON CONFLICT (ref) DO NOTHING
                    """)
                    .param("ref", stored.ref()).param("u", userId).param("d", deviceId)
                    .param("kp", stored.keyPackage()).param("at", Timestamp.from(at)).update();
        }
    }

    /** Makes {@code stored} the device's only last-resort package. */
    void replaceLastResort(UUID userId, String deviceId, StoredKeyPackage stored, Instant at) {
        jdbc.sql("DELETE FROM mls_key_packages WHERE user_id = :u AND device_id = :d AND last_resort")
                .param("u", userId).param("d", deviceId).update();
        jdbc.sql("""
                INSERT INTO mls_key_packages (ref, user_id, device_id, key_package, last_resort, uploaded_at)
                VALUES (:ref, :u, :d, :kp, true, :at) ON CONFLICT (ref) DO UPDATE SET last_resort = true
                """)
                .param("ref", stored.ref()).param("u", userId).param("d", deviceId)
                .param("kp", stored.keyPackage()).param("at", Timestamp.from(at)).update();
    }

    /** One-time packages the device has left (its last-resort package not counted). */
    int available(UUID userId, String deviceId) {
        return jdbc.sql("SELECT count(*) FROM mls_key_packages WHERE user_id = :u AND device_id = :d AND NOT last_resort")
                .param("u", userId).param("d", deviceId).query(Integer.class).single();
    }

    boolean hasLastResort(UUID userId, String deviceId) {
        return jdbc.sql("SELECT count(*) FROM mls_key_packages WHERE user_id = :u AND device_id = :d AND last_resort")
                .param("u", userId).param("d", deviceId).query(Integer.class).single() > 0;
    }

    /**
     * Takes one of the device's one-time packages out of the directory. Atomic under concurrency: each caller's
     * DELETE takes a row no other caller has locked (SKIP LOCKED), so no package is ever handed out twice.
     */
    Optional<StoredKeyPackage> takeOneTime(UUID userId, String deviceId) {
        return jdbc.sql("""
                DELETE FROM mls_key_packages WHERE ref = (
                    SELECT ref FROM mls_key_packages WHERE user_id = :u AND device_id = :d AND NOT last_resort
                    ORDER BY uploaded_at, ref LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING ref, key_package
                """)
                .param("u", userId).param("d", deviceId).query(KeyPackageRepository::stored).optional();
    }

    /** The device's last-resort package, which stays in the directory when it is handed out. */
    Optional<StoredKeyPackage> lastResort(UUID userId, String deviceId) {
        return jdbc.sql("SELECT ref, key_package FROM mls_key_packages WHERE user_id = :u AND device_id = :d AND last_resort")
                .param("u", userId).param("d", deviceId).query(KeyPackageRepository::stored).optional();
    }

    /**
     * Serialises the claims of one claimer on one user until the transaction ends, so counting them against the
     * limit and recording a new one cannot interleave.
     */
    void lockPair(UUID claimer, UUID userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:pair, 0))")
                .param("pair", "mls-claims:" + claimer + ":" + userId).query((row, n) -> 1).list();
    }

    /** Claims {@code claimer} made of {@code userId}'s packages since {@code since}. */
    int claimsSince(UUID claimer, UUID userId, Instant since) {
        return jdbc.sql("""
                SELECT count(DISTINCT claim_id) FROM mls_key_package_claims
                WHERE claimed_by = :claimer AND user_id = :u AND claimed_at >= :since
                """)
                .param("claimer", claimer).param("u", userId).param("since", Timestamp.from(since))
                .query(Integer.class).single();
    }

    void recordClaim(UUID claimId, ClaimedKeyPackage claim) {
        jdbc.sql("""
                INSERT INTO mls_key_package_claims (ref, user_id, device_id, conversation_id, claimed_by, claim_id, claimed_at)
                VALUES (:ref, :u, :d, :c, :by, :claim, :at)
                """)
                .param("ref", claim.ref()).param("u", claim.userId()).param("d", claim.deviceId())
                .param("c", claim.conversationId()).param("by", claim.claimedBy()).param("claim", claimId)
                .param("at", Timestamp.from(claim.claimedAt())).update();
    }

    /** The claims of the package made for the conversation, newest first. */
    List<ClaimedKeyPackage> claimsFor(String ref, UUID conversationId) {
        return jdbc.sql("""
                SELECT ref, user_id, device_id, conversation_id, claimed_by, claimed_at FROM mls_key_package_claims
                WHERE ref = :ref AND conversation_id = :c ORDER BY claimed_at DESC
                """)
                .param("ref", ref).param("c", conversationId).query(KeyPackageRepository::claim).list();
    }

    void forgetClaimsBefore(Instant horizon) {
        jdbc.sql("DELETE FROM mls_key_package_claims WHERE claimed_at < :horizon")
                .param("horizon", Timestamp.from(horizon)).update();
    }

    private static StoredKeyPackage stored(ResultSet row, int n) throws SQLException {
        return new StoredKeyPackage(row.getString("ref"), row.getBytes("key_package"));
    }

    private static ClaimedKeyPackage claim(ResultSet row, int n) throws SQLException {
        return new ClaimedKeyPackage(row.getString("ref"), row.getObject("user_id", UUID.class),
                row.getString("device_id"), row.getObject("conversation_id", UUID.class),
                row.getObject("claimed_by", UUID.class), row.getTimestamp("claimed_at").toInstant());
    }
}
