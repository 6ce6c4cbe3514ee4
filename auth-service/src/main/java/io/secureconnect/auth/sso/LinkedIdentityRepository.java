package io.secureconnect.auth.sso;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which provider identities belong to which accounts. */
@Repository
class LinkedIdentityRepository {

    private final JdbcClient jdbc;

    LinkedIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LinkedIdentity> findBySubject(String provider, String subject) {
        return jdbc.sql("SELECT * FROM sso_identities WHERE provider = :provider AND subject = :subject")
                .param("provider", provider).param("subject", subject)
                .query(LinkedIdentityRepository::map).optional();
    }

    List<LinkedIdentity> findByUser(UUID userId) {
        return jdbc.sql("SELECT * FROM sso_identities WHERE user_id = :userId ORDER BY provider")
                .param("userId", userId).query(LinkedIdentityRepository::map).list();
    }

    /**
     * Links the identity to the account, replacing the account's earlier identity at that provider; false when the
     * identity belongs to another account.
     */
    boolean link(LinkedIdentity identity) {
        try {
            jdbc.sql("""
                    INSERT INTO sso_identities (user_id, provider, subject, email, linked_at)
                    VALUES (:userId, :provider, :subject, :email, :linkedAt)
                    ON CONFLICT (user_id, provider) DO UPDATE
                        SET subject = EXCLUDED.subject, email = EXCLUDED.email, linked_at = EXCLUDED.linked_at
                    """)
                    .param("userId", identity.userId()).param("provider", identity.provider())
                    .param("subject", identity.subject()).param("email", identity.email())
                    .param("linkedAt", Timestamp.from(identity.linkedAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return findBySubject(identity.provider(), identity.subject())
                    .map(existing -> existing.userId().equals(identity.userId())).orElse(false);
        }
    }

    boolean unlink(UUID userId, String provider) {
        return jdbc.sql("DELETE FROM sso_identities WHERE user_id = :userId AND provider = :provider")
                .param("userId", userId).param("provider", provider).update() == 1;
    }

    private static LinkedIdentity map(ResultSet row, int n) throws SQLException {
        return new LinkedIdentity(row.getObject("user_id", UUID.class), row.getString("provider"),
                row.getString("subject"), row.getString("email"), row.getTimestamp("linked_at").toInstant());
    }
}
