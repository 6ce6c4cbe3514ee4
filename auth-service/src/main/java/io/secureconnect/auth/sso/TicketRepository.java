package io.secureconnect.auth.sso;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One-time tickets, only as the SHA-256 of their value. */
@Repository
class TicketRepository {

    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] hash, Ticket ticket) {
        jdbc.sql("""
                INSERT INTO sso_tickets (ticket_hash, kind, user_id, provider, subject, email, amr, refresh_ciphertext,
                                         binding_hash, expires_at)
                VALUES (:hash, :kind, :userId, :provider, :subject, :email, :amr, :refresh, :binding, :expiresAt)
                """)
                .param("hash", hash).param("kind", ticket.kind().name()).param("userId", ticket.userId())
                .param("provider", ticket.provider()).param("subject", ticket.subject()).param("email", ticket.email())
                .param("amr", ticket.amr().toArray(String[]::new)).param("refresh", ticket.refreshCiphertext())
                .param("binding", ticket.bindingHash())
                .param("expiresAt", Timestamp.from(ticket.expiresAt()))
                .update();
    }

    /** The live ticket of that kind, left in place (a wrong password does not use up a link ticket). */
    Optional<Ticket> find(byte[] hash, Ticket.Kind kind, Instant now) {
        return jdbc.sql("SELECT * FROM sso_tickets WHERE ticket_hash = :hash AND kind = :kind AND expires_at > :now")
                .param("hash", hash).param("kind", kind.name()).param("now", Timestamp.from(now))
                .query(TicketRepository::map).optional();
    }

    /** Uses the ticket up; false when another request used it first. */
    boolean take(byte[] hash) {
        return jdbc.sql("DELETE FROM sso_tickets WHERE ticket_hash = :hash").param("hash", hash).update() == 1;
    }

    void deleteExpired(Instant now) {
        jdbc.sql("DELETE FROM sso_tickets WHERE expires_at < :now").param("now", Timestamp.from(now)).update();
    }

    private static Ticket map(ResultSet row, int n) throws SQLException {
        return new Ticket(Ticket.Kind.valueOf(row.getString("kind")), row.getObject("user_id", UUID.class),
                row.getString("provider"), row.getString("subject"), row.getString("email"),
                List.of((String[]) row.getArray("amr").getArray()), row.getBytes("refresh_ciphertext"),
                row.getBytes("binding_hash"),
                row.getTimestamp("expires_at").toInstant());
    }
}
