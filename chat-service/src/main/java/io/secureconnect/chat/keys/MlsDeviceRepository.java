package io.secureconnect.chat.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users' MLS devices in PostgreSQL ({@code mls_devices}). */
@Repository
class MlsDeviceRepository {

    private static final String COLUMNS = "user_id, device_id, signature_key, credential, created_at";

    private final JdbcClient jdbc;

    MlsDeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the device unless the user already has one with this id; either way the device as stored. Two
     * concurrent registrations of one id therefore agree on one key, and the caller compares it with theirs.
     */
    MlsDevice insertIfAbsent(MlsDevice device, UUID sessionId) {
        jdbc.sql("""
                INSERT INTO mls_devices (user_id, device_id, session_id, signature_key, credential, created_at)
                VALUES (:u, :d, :session, :key, :credential, :at)
                ON CONFLICT (user_id, device_id) DO NOTHING
                """)
                .param("u", device.userId()).param("d", device.deviceId()).param("session", sessionId)
                .param("key", device.signatureKeyBytes()).param("credential", device.credential())
                .param("at", Timestamp.from(device.createdAt())).update();
        return find(device.userId(), device.deviceId()).orElseThrow();
    }

    /** The device now belongs to {@code sessionId}: the session that registered it last goes with it. */
    void moveToSession(UUID userId, String deviceId, UUID sessionId) {
        jdbc.sql("UPDATE mls_devices SET session_id = :session WHERE user_id = :u AND device_id = :d")
                .param("session", sessionId).param("u", userId).param("d", deviceId).update();
    }

    /**
     * Records the device's first KeyPackage upload; true only for the call that recorded it (a concurrent upload
     * waits for the row and then finds it set), so the device is announced once.
     */
    boolean firstUpload(UUID userId, String deviceId, Instant at) {
        return jdbc.sql("""
                UPDATE mls_devices SET first_upload_at = :at
                WHERE user_id = :u AND device_id = :d AND first_upload_at IS NULL
                """)
                .param("at", Timestamp.from(at)).param("u", userId).param("d", deviceId).update() > 0;
    }

    int count(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM mls_devices WHERE user_id = :u")
                .param("u", userId).query(Integer.class).single();
    }

    Optional<MlsDevice> find(UUID userId, String deviceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mls_devices WHERE user_id = :u AND device_id = :d")
                .param("u", userId).param("d", deviceId).query(MlsDeviceRepository::device).optional();
    }

    List<MlsDevice> of(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM mls_devices WHERE user_id = ANY(:users) ORDER BY user_id, created_at, device_id")
                .param("users", userIds.toArray(UUID[]::new)).query(MlsDeviceRepository::device).list();
    }

    /** Removes one of the user's devices with its KeyPackages and claims; false when there was none. */
    boolean delete(UUID userId, String deviceId) {
        return jdbc.sql("DELETE FROM mls_devices WHERE user_id = :u AND device_id = :d")
                .param("u", userId).param("d", deviceId).update() > 0;
    }

    /** Removes the devices registered by the sessions, and when {@code userId} is given, every device of that user. */
    List<MlsDevice> deleteOf(Collection<UUID> sessionIds, UUID userId) {
        return jdbc.sql("DELETE FROM mls_devices WHERE session_id = ANY(:sessions) OR user_id = :u RETURNING " + COLUMNS)
                .param("sessions", sessionIds.toArray(UUID[]::new)).param("u", userId)
                .query(MlsDeviceRepository::device).list();
    }

    private static MlsDevice device(ResultSet row, int n) throws SQLException {
        return new MlsDevice(row.getObject("user_id", UUID.class), row.getString("device_id"),
                Base64.getEncoder().encodeToString(row.getBytes("signature_key")), row.getString("credential"),
                row.getTimestamp("created_at").toInstant());
    }
}
