package io.secureconnect.chat.keys;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Public keys of users' devices in PostgreSQL: identity key, signed prekey, and the pool of one-time prekeys. */
@Repository
class KeyDirectory {

    private final JdbcClient jdbc;

    KeyDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record SignedPreKey(int keyId, String publicKey, String signature) {
    }

    record OneTimePreKey(int keyId, String publicKey) {
    }

    /** One device's bundle: what another device needs to start an encrypted session with it. */
    record Bundle(String deviceId, String identityKey, SignedPreKey signedPreKey, OneTimePreKey oneTimePreKey) {
    }

    /** One of the caller's own key devices, as listed to them. */
    record KeyDevice(String deviceId, String identityKey, int oneTimePreKeys, Instant updatedAt) {
    }

    /** A key device that went (its session ended, or its owner removed it). */
    record RemovedDevice(UUID userId, String deviceId) {
    }

    /** Publishes the device's keys; the device now belongs to {@code sessionId} (the last session to publish them). */
    void saveDevice(UUID userId, String deviceId, String identityKey, SignedPreKey signedPreKey, UUID sessionId) {
        jdbc.sql("""
                INSERT INTO device_keys (user_id, device_id, identity_key, signed_prekey_id, signed_prekey,
                                         signed_prekey_signature, session_id)
                VALUES (:u, :d, :identity, :spkId, :spk, :sig, :session)
                ON CONFLICT (user_id, device_id) DO UPDATE SET identity_key = excluded.identity_key,
                    signed_prekey_id = excluded.signed_prekey_id, signed_prekey = excluded.signed_prekey,
                    signed_prekey_signature = excluded.signed_prekey_signature, session_id = excluded.session_id,
                    updated_at = now()
                """)
                .param("session", sessionId).param("u", userId).param("d", deviceId).param("identity", identityKey)
                .param("spkId", signedPreKey.keyId()).param("spk", signedPreKey.publicKey())
                .param("sig", signedPreKey.signature()).update();
    }

    /** A new identity key invalidates the old one-time prekeys: they were made for the old identity. */
    void dropOneTimePreKeys(UUID userId, String deviceId) {
        jdbc.sql("DELETE FROM one_time_prekeys WHERE user_id = :u AND device_id = :d")
                .param("u", userId).param("d", deviceId).update();
    }

    Optional<String> identityKey(UUID userId, String deviceId) {
        return jdbc.sql("SELECT identity_key FROM device_keys WHERE user_id = :u AND device_id = :d")
                .param("u", userId).param("d", deviceId).query(String.class).optional();
    }

    boolean rotateSignedPreKey(UUID userId, String deviceId, SignedPreKey signedPreKey) {
        return jdbc.sql("""
                UPDATE device_keys SET signed_prekey_id = :spkId, signed_prekey = :spk, signed_prekey_signature = :sig,
                       updated_at = now()
                WHERE user_id = :u AND device_id = :d
                """)
                .param("spkId", signedPreKey.keyId()).param("spk", signedPreKey.publicKey())
                .param("sig", signedPreKey.signature()).param("u", userId).param("d", deviceId).update() > 0;
    }

    void addOneTimePreKeys(UUID userId, String deviceId, List<OneTimePreKey> keys) {
        for (OneTimePreKey key : keys) {
            jdbc.sql("""
                    INSERT INTO one_time_prekeys (user_id, device_id, key_id, public_key) VALUES (:u, :d, :id, :key)
                    ON CONFLICT DO NOTHING
                    """)
                    .param("u", userId).param("d", deviceId).param("id", key.keyId()).param("key", key.publicKey()).update();
        }
    }

    int remainingOneTimePreKeys(UUID userId, String deviceId) {
        return jdbc.sql("SELECT count(*) FROM one_time_prekeys WHERE user_id = :u AND device_id = :d")
                .param("u", userId).param("d", deviceId).query(Integer.class).single();
    }

    /** Records one bundle fetch, unless the requester already fetched {@code limit} of the target's since then. */
    boolean recordFetchWithin(UUID requester, UUID target, Instant since, int limit) {
        return jdbc.sql("""
                INSERT INTO prekey_fetches (requester_id, target_id)
                SELECT :requester, :target
                WHERE (SELECT count(*) FROM prekey_fetches
                       WHERE requester_id = :requester AND target_id = :target AND fetched_at >= :since) < :limit
                """)
                .param("requester", requester).param("target", target).param("since", Timestamp.from(since))
                .param("limit", limit).update() == 1;
    }

    void forgetFetchesBefore(Instant horizon) {
        jdbc.sql("DELETE FROM prekey_fetches WHERE fetched_at < :horizon").param("horizon", Timestamp.from(horizon)).update();
    }

    List<KeyDevice> keyDevices(UUID userId) {
        return jdbc.sql("""
                SELECT d.device_id, d.identity_key, d.updated_at,
                       (SELECT count(*) FROM one_time_prekeys p WHERE p.user_id = d.user_id AND p.device_id = d.device_id) AS left
                FROM device_keys d WHERE d.user_id = :u ORDER BY d.device_id
                """)
                .param("u", userId)
                .query((row, n) -> new KeyDevice(row.getString("device_id"), row.getString("identity_key"),
                        row.getInt("left"), row.getTimestamp("updated_at").toInstant()))
                .list();
    }

    /** Removes one of the user's key devices with its one-time prekeys; false when there was none. */
    boolean deleteDevice(UUID userId, String deviceId) {
        return jdbc.sql("DELETE FROM device_keys WHERE user_id = :u AND device_id = :d")
                .param("u", userId).param("d", deviceId).update() > 0;
    }

    /** Removes the key devices published by the sessions, and when {@code userId} is given, every device of that user. */
    List<RemovedDevice> deleteDevicesOf(Collection<UUID> sessionIds, UUID userId) {
        return jdbc.sql("""
                DELETE FROM device_keys WHERE session_id = ANY(:sessions) OR user_id = :u
                RETURNING user_id, device_id
                """)
                .param("sessions", sessionIds.toArray(UUID[]::new)).param("u", userId)
                .query((row, n) -> new RemovedDevice(row.getObject("user_id", UUID.class), row.getString("device_id")))
                .list();
    }

    List<String> devices(UUID userId) {
        return jdbc.sql("SELECT device_id FROM device_keys WHERE user_id = :u ORDER BY device_id")
                .param("u", userId).query(String.class).list();
    }

    /**
     * The device's bundle with one one-time prekey taken out of the pool. Atomic under concurrency: each caller's
     * DELETE claims a different row (SKIP LOCKED), so no prekey is ever handed out twice.
     */
    Optional<Bundle> takeBundle(UUID userId, String deviceId) {
        Optional<OneTimePreKey> oneTime = jdbc.sql("""
                DELETE FROM one_time_prekeys WHERE (user_id, device_id, key_id) = (
                    SELECT user_id, device_id, key_id FROM one_time_prekeys WHERE user_id = :u AND device_id = :d
                    ORDER BY key_id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING key_id, public_key
                """)
                .param("u", userId).param("d", deviceId)
                .query((row, n) -> new OneTimePreKey(row.getInt("key_id"), row.getString("public_key"))).optional();
        return jdbc.sql("""
                SELECT device_id, identity_key, signed_prekey_id, signed_prekey, signed_prekey_signature
                FROM device_keys WHERE user_id = :u AND device_id = :d
                """)
                .param("u", userId).param("d", deviceId)
                .query((row, n) -> new Bundle(row.getString("device_id"), row.getString("identity_key"),
                        new SignedPreKey(row.getInt("signed_prekey_id"), row.getString("signed_prekey"),
                                row.getString("signed_prekey_signature")), oneTime.orElse(null)))
                .optional();
    }
}
