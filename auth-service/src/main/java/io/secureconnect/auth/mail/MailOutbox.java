package io.secureconnect.auth.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.id.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The mails auth-service has promised, in PostgreSQL: the only way a mail leaves. A request {@link #queue queues}
 * what is to be mailed (one insert, whatever the account) and returns; {@link OutboxSender} renders and delivers it.
 */
@Repository
public class MailOutbox {

    /** A queued mail as the sender sees it; {@code rendered} is null until the composer has written it. */
    record Pending(UUID id, MailRequest request, Mail rendered, int attempts, Instant createdAt) {

        Pending withMail(Mail mail) {
            return new Pending(id, request, mail, attempts, createdAt);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    MailOutbox(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Records the mail to be sent; it is durable once the surrounding transaction (if any) commits. */
    public void queue(MailRequest request) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO mail_outbox (id, kind, user_id, address, created_at, next_attempt_at)
                VALUES (:id, :kind, :user, :address, :now, :now)
                """)
                .param("id", Ids.newId()).param("kind", request.kind()).param("user", request.userId())
                .param("address", request.address()).param("now", now)
                .update();
    }

    /**
     * The oldest due mail, locked for the current transaction and claimed until {@code leaseUntil}, so neither another
     * instance nor this one takes it meanwhile; if the sender dies, the claim runs out and the mail is sent later.
     */
    Optional<Pending> claimDue(Instant now, Instant leaseUntil) {
        Optional<Pending> due = jdbc.sql("""
                SELECT * FROM mail_outbox WHERE next_attempt_at <= :now
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """).param("now", Timestamp.from(now)).query(MailOutbox::map).optional();
        due.ifPresent(pending -> jdbc.sql("UPDATE mail_outbox SET next_attempt_at = :lease WHERE id = :id")
                .param("id", pending.id()).param("lease", Timestamp.from(leaseUntil)).update());
        return due;
    }

    void storeRendered(UUID id, Mail mail) {
        jdbc.sql("UPDATE mail_outbox SET recipient = :to, subject = :subject, body = :body WHERE id = :id")
                .param("id", id).param("to", mail.to()).param("subject", mail.subject()).param("body", mail.body())
                .update();
    }

    void failed(UUID id, int attempts, Instant nextAttempt, String error) {
        jdbc.sql("UPDATE mail_outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error WHERE id = :id")
                .param("id", id).param("attempts", attempts).param("next", Timestamp.from(nextAttempt))
                .param("error", error).update();
    }

    void remove(UUID id) {
        jdbc.sql("DELETE FROM mail_outbox WHERE id = :id").param("id", id).update();
    }

    private static Pending map(ResultSet row, int rowNumber) throws SQLException {
        String recipient = row.getString("recipient");
        Mail rendered = recipient == null ? null : new Mail(recipient, row.getString("subject"), row.getString("body"));
        return new Pending(row.getObject("id", UUID.class),
                new MailRequest(row.getString("kind"), row.getObject("user_id", UUID.class), row.getString("address")),
                rendered, row.getInt("attempts"), row.getTimestamp("created_at").toInstant());
    }
}
