package io.secureconnect.chat.push;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.id.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Push devices in PostgreSQL. */
@Repository
class DeviceRepository {

    private static final String COLUMNS = "id, user_id, device_id, platform, token, created_at";

    private final JdbcClient jdbc;

    DeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers a device, or updates the token of the user's device with the same id. A token registered before
     * by anyone (another user signed in on the same phone) moves to this device, so a phone never gets another
     * user's pushes.
     */
    Device register(UUID userId, String deviceId, Platform platform, String token, UUID sessionId) {
        jdbc.sql("DELETE FROM push_devices WHERE token = :token AND NOT (user_id = :u AND device_id = :d)")
                .param("token", token).param("u", userId).param("d", deviceId).update();
        return jdbc.sql("""
                INSERT INTO push_devices (id, user_id, device_id, platform, token, session_id)
                VALUES (:id, :u, :d, :p, :token, :session)
                ON CONFLICT (user_id, device_id)
                DO UPDATE SET platform = excluded.platform, token = excluded.token, session_id = excluded.session_id,
                              updated_at = now()
                RETURNING\s""" + COLUMNS)
                .param("id", Ids.newId()).param("session", sessionId).param("u", userId).param("d", deviceId).param("p", platform.wire())
                .param("token", token).query(DeviceRepository::device).single();
    }

    /** Removes the user's least recently registered devices beyond {@code keep}. */
    void trim(UUID userId, int keep) {
        jdbc.sql("""
                DELETE FROM push_devices WHERE user_id = :u AND id NOT IN (
                    SELECT id FROM push_devices WHERE user_id = :u ORDER BY updated_at DESC, id DESC LIMIT :keep)
                """)
                .param("u", userId).param("keep", keep).update();
    }

    List<Device> ofUser(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM push_devices WHERE user_id = :u ORDER BY created_at, id")
                .param("u", userId).query(DeviceRepository::device).list();
    }

    List<Device> ofUsers(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM push_devices WHERE user_id = ANY(:ids)")
                .param("ids", userIds.toArray(UUID[]::new)).query(DeviceRepository::device).list();
    }

    Optional<Device> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM push_devices WHERE user_id = :u AND id = :id")
                .param("u", userId).param("id", id).query(DeviceRepository::device).optional();
    }

    boolean delete(UUID userId, UUID id) {
        return jdbc.sql("DELETE FROM push_devices WHERE user_id = :u AND id = :id")
                .param("u", userId).param("id", id).update() > 0;
    }

    int deleteAll(UUID userId) {
        return jdbc.sql("DELETE FROM push_devices WHERE user_id = :u").param("u", userId).update();
    }

    /** Removes the devices registered by the sessions, and when {@code userId} is given, every device of that user. */
    List<Device> deleteOfSessions(Collection<UUID> sessionIds, UUID userId) {
        return jdbc.sql("DELETE FROM push_devices WHERE session_id = ANY(:sessions) OR user_id = :u RETURNING " + COLUMNS)
                .param("sessions", sessionIds.toArray(UUID[]::new)).param("u", userId)
                .query(DeviceRepository::device).list();
    }

    /** A provider said the token is dead: forget it, whoever it belongs to now. */
    boolean deleteToken(String token) {
        return jdbc.sql("DELETE FROM push_devices WHERE token = :token").param("token", token).update() > 0;
    }

    private static Device device(ResultSet row, int n) throws SQLException {
        return new Device(row.getObject("id", UUID.class), row.getObject("user_id", UUID.class),
                row.getString("device_id"), Platform.fromWire(row.getString("platform")), row.getString("token"),
                row.getTimestamp("created_at").toInstant());
    }
}
