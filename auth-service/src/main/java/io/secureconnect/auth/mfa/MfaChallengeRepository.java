package io.secureconnect.auth.mfa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.auth.session.SessionOrigin;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pending second-factor challenges, by the SHA-256 of their token. */
@Repository
class MfaChallengeRepository {

    private final JdbcClient jdbc;

    MfaChallengeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] tokenHash, MfaChallenges.Pending pending, Instant now, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO mfa_challenges (token_hash, user_id, device_name, user_agent, ip, amr, created_at, expires_at)
                VALUES (:hash, :userId, :deviceName, :userAgent, :ip, :amr, :now, :expiresAt)
                """)
                .param("hash", tokenHash).param("userId", pending.userId())
                .param("deviceName", pending.origin().deviceName()).param("userAgent", pending.origin().userAgent())
                .param("ip", pending.origin().ip()).param("amr", pending.amr().toArray(String[]::new))
                .param("now", Timestamp.from(now)).param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    Optional<MfaChallenges.Pending> findLive(byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                SELECT user_id, device_name, user_agent, ip, amr FROM mfa_challenges
                WHERE token_hash = :hash AND expires_at > :now
                """)
                .param("hash", tokenHash).param("now", Timestamp.from(now))
                .query((row, n) -> new MfaChallenges.Pending(row.getObject("user_id", UUID.class),
                        new SessionOrigin(row.getString("device_name"), row.getString("user_agent"), row.getString("ip")),
                        List.of((String[]) row.getArray("amr").getArray())))
                .optional();
    }

    boolean deleteLive(byte[] tokenHash, Instant now) {
        return jdbc.sql("DELETE FROM mfa_challenges WHERE token_hash = :hash AND expires_at > :now")
                .param("hash", tokenHash).param("now", Timestamp.from(now)).update() == 1;
    }

    void deleteExpired(Instant now) {
        jdbc.sql("DELETE FROM mfa_challenges WHERE expires_at <= :now").param("now", Timestamp.from(now)).update();
    }
}
