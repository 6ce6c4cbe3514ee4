package io.secureconnect.auth.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.auth.session.AllSessionsEnded;
import io.secureconnect.auth.token.OpaqueTokens;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use, expiring tokens sent by email. Only the hash is stored; redeeming is one conditional update, so a
 * token works once even when two requests race with it.
 */
@Repository
class OneTimeTokens {

    enum Purpose {
        VERIFY_EMAIL, RESET_PASSWORD, CHANGE_EMAIL;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A redeemed token: whose it was, what for, and for an email change the new address. */
    record Redeemed(UUID userId, Purpose purpose, String newEmail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    OneTimeTokens(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    String issue(UUID userId, Purpose purpose, Duration validFor) {
        return issue(userId, purpose, null, validFor);
    }

    String issueEmailChange(UUID userId, String newEmail, Duration validFor) {
        return issue(userId, Purpose.CHANGE_EMAIL, newEmail, validFor);
    }

    private String issue(UUID userId, Purpose purpose, String newEmail, Duration validFor) {
        String token = OpaqueTokens.generate();
        jdbc.sql("""
                INSERT INTO one_time_tokens (token_hash, user_id, purpose, new_email, expires_at)
                VALUES (:hash, :user, :purpose, :newEmail, :expires)
                """)
                .param("hash", OpaqueTokens.hash(token))
                .param("user", userId)
                .param("purpose", purpose.column())
                .param("newEmail", newEmail)
                .param("expires", Timestamp.from(clock.instant().plus(validFor)))
                .update();
        return token;
    }

    /**
     * S14: once every session of a user has ended (a reset, a password change, logout everywhere, a ban), the reset
     * and email-change links mailed before are used up too: a link in an old mailbox must not undo that.
     */
    @EventListener
    void useUpCredentialLinks(AllSessionsEnded ended) {
        jdbc.sql("""
                UPDATE one_time_tokens SET used_at = now()
                WHERE user_id = :user AND purpose IN (:purposes) AND used_at IS NULL
                """)
                .param("user", ended.userId())
                .param("purposes", List.of(Purpose.RESET_PASSWORD.column(), Purpose.CHANGE_EMAIL.column()))
                .update();
    }

    /** How many tokens for this purpose the user was sent since then. */
    int issuedSince(UUID userId, Purpose purpose, Instant since) {
        return jdbc.sql("""
                SELECT count(*) FROM one_time_tokens
                WHERE user_id = :user AND purpose = :purpose AND created_at >= :since
                """)
                .param("user", userId).param("purpose", purpose.column()).param("since", Timestamp.from(since))
                .query(Integer.class).single();
    }

    /** The user the token belongs to, if it is unused, unexpired and for this purpose; it is used up either way. */
    Optional<UUID> redeem(String token, Purpose purpose) {
        return redeemAny(token, List.of(purpose)).map(Redeemed::userId);
    }

    /** Redeems a token that is for any of the purposes. */
    Optional<Redeemed> redeemAny(String token, List<Purpose> purposes) {
        return jdbc.sql("""
                UPDATE one_time_tokens SET used_at = now()
                WHERE token_hash = :hash AND purpose IN (:purposes) AND used_at IS NULL AND expires_at > now()
                RETURNING user_id, purpose, new_email
                """)
                .param("hash", OpaqueTokens.hash(token))
                .param("purposes", purposes.stream().map(Purpose::column).toList())
                .query((row, n) -> new Redeemed(row.getObject("user_id", UUID.class),
                        Purpose.valueOf(row.getString("purpose").toUpperCase(Locale.ROOT)),
                        row.getString("new_email")))
                .optional();
    }
}
