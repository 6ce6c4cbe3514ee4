package io.secureconnect.auth.passkey;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.stereotype.Repository;

/**
 * The challenges of WebAuthn ceremonies, in PostgreSQL under an opaque random id (the {@code registrationId} or
 * {@code requestId} a client sends back), never in an HTTP session, so any instance can finish a ceremony another
 * began. Each is single use: taking it deletes it, whatever the answer then proves.
 */
@Repository
class PasskeyChallenges {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    enum Purpose {
        REGISTRATION, LOGIN, SECOND_FACTOR;

        String column() {
            return name().toLowerCase();
        }
    }

    /** A challenge handed out for {@code userId} (null for a passwordless login, whose user is not known yet). */
    record Issued(UUID id, Bytes challenge) {
    }

    record Taken(UUID userId, Bytes challenge) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PasskeyChallenges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Issued issue(Purpose purpose, UUID userId) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM passkey_challenges WHERE expires_at < :now").param("now", Timestamp.from(now)).update();
        Issued issued = new Issued(UUID.randomUUID(), Bytes.random()); // random (v4), not time-ordered: nothing to guess
        jdbc.sql("""
                INSERT INTO passkey_challenges (id, purpose, user_id, challenge, expires_at)
                VALUES (:id, :purpose, :userId, :challenge, :expiresAt)
                """)
                .param("id", issued.id())
                .param("purpose", purpose.column())
                .param("userId", userId)
                .param("challenge", issued.challenge().getBytes())
                .param("expiresAt", Timestamp.from(now.plus(LIFETIME)))
                .update();
        return issued;
    }

    /** The challenge named {@code id} for this purpose, used up by this call; empty when unknown, used or expired. */
    Optional<Taken> take(Purpose purpose, String id) {
        Optional<UUID> key = parse(id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                DELETE FROM passkey_challenges WHERE id = :id AND purpose = :purpose
                RETURNING user_id, challenge, expires_at
                """)
                .param("id", key.get())
                .param("purpose", purpose.column())
                .query((rs, row) -> new Stored(new Taken(rs.getObject("user_id", UUID.class),
                        new Bytes(rs.getBytes("challenge"))), rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .filter(stored -> stored.expiresAt().isAfter(clock.instant()))
                .map(Stored::taken);
    }

    private record Stored(Taken taken, Instant expiresAt) {
    }

    private static Optional<UUID> parse(String id) {
        try {
            return id == null || id.length() != 36 ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
