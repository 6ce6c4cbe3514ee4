package io.secureconnect.auth.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Friend requests and contacts in PostgreSQL. */
@Repository
class ContactRepository {

    private final JdbcClient jdbc;

    ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * False when the same request is already pending. ON CONFLICT rather than catching the duplicate key: a failed
     * statement would abort the caller's transaction, and the caller goes on to read the pending request.
     */
    boolean insertRequest(UUID id, UUID requester, UUID addressee, Instant now) {
        return jdbc.sql("""
                INSERT INTO contact_requests (id, requester_id, addressee_id, created_at) VALUES (:id, :from, :to, :now)
                ON CONFLICT (requester_id, addressee_id) DO NOTHING
                """)
                .param("id", id).param("from", requester).param("to", addressee).param("now", Timestamp.from(now))
                .update() == 1;
    }

    Optional<ContactRequest> findRequest(UUID id) {
        return jdbc.sql("SELECT id, requester_id, addressee_id, '' AS other_name, created_at FROM contact_requests WHERE id = :id")
                .param("id", id).query(ContactRepository::mapRequest).optional();
    }

    Optional<ContactRequest> findRequestBetween(UUID requester, UUID addressee) {
        return jdbc.sql("""
                SELECT id, requester_id, addressee_id, '' AS other_name, created_at FROM contact_requests
                WHERE requester_id = :from AND addressee_id = :to
                """).param("from", requester).param("to", addressee).query(ContactRepository::mapRequest).optional();
    }

    List<ContactRequest> incoming(UUID user) {
        return jdbc.sql("""
                SELECT r.id, r.requester_id, r.addressee_id, u.display_name AS other_name, r.created_at
                FROM contact_requests r JOIN users u ON u.id = r.requester_id
                WHERE r.addressee_id = :user ORDER BY r.created_at DESC LIMIT 500
                """).param("user", user).query(ContactRepository::mapRequest).list();
    }

    List<ContactRequest> outgoing(UUID user) {
        return jdbc.sql("""
                SELECT r.id, r.requester_id, r.addressee_id, u.display_name AS other_name, r.created_at
                FROM contact_requests r JOIN users u ON u.id = r.addressee_id
                WHERE r.requester_id = :user ORDER BY r.created_at DESC LIMIT 500
                """).param("user", user).query(ContactRepository::mapRequest).list();
    }

    void deleteRequest(UUID id) {
        jdbc.sql("DELETE FROM contact_requests WHERE id = :id").param("id", id).update();
    }

    /** Makes the two users contacts of each other and drops any pending request between them. */
    void connect(UUID one, UUID other, Instant now) {
        for (UUID[] pair : new UUID[][] {{one, other}, {other, one}}) {
            jdbc.sql("INSERT INTO contacts (user_id, contact_id, since) VALUES (:a, :b, :now) ON CONFLICT DO NOTHING")
                    .param("a", pair[0]).param("b", pair[1]).param("now", Timestamp.from(now)).update();
        }
        deleteRequestsBetween(one, other);
    }

    /** Ends any contact or pending request between the two (removal, or a block). */
    void disconnect(UUID one, UUID other) {
        jdbc.sql("DELETE FROM contacts WHERE (user_id = :a AND contact_id = :b) OR (user_id = :b AND contact_id = :a)")
                .param("a", one).param("b", other).update();
        deleteRequestsBetween(one, other);
    }

    List<Contact> contactsOf(UUID user) {
        return jdbc.sql("""
                SELECT c.contact_id, u.display_name, c.since FROM contacts c JOIN users u ON u.id = c.contact_id
                WHERE c.user_id = :user AND u.deleted_at IS NULL ORDER BY lower(u.display_name) LIMIT 5000
                """).param("user", user)
                .query((row, n) -> new Contact(row.getObject("contact_id", UUID.class), row.getString("display_name"),
                        row.getTimestamp("since").toInstant()))
                .list();
    }

    private void deleteRequestsBetween(UUID one, UUID other) {
        jdbc.sql("""
                DELETE FROM contact_requests
                WHERE (requester_id = :a AND addressee_id = :b) OR (requester_id = :b AND addressee_id = :a)
                """).param("a", one).param("b", other).update();
    }

    private static ContactRequest mapRequest(ResultSet row, int n) throws SQLException {
        return new ContactRequest(row.getObject("id", UUID.class), row.getObject("requester_id", UUID.class),
                row.getObject("addressee_id", UUID.class), row.getString("other_name"),
                row.getTimestamp("created_at").toInstant());
    }
}
