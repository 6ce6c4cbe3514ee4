package io.secureconnect.chat.poll;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.id.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Polls, their options and votes in PostgreSQL. */
@Repository
class PollRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    PollRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Row(UUID id, UUID conversationId, UUID createdBy, String question, boolean multipleChoice,
               boolean allowVoteChange, boolean anonymous, Instant expiresAt, Instant closedAt, Instant createdAt) {

        boolean acceptsVotes(Instant now) {
            return closedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    UUID insert(UUID conversationId, UUID createdBy, String question, List<String> options, boolean multipleChoice,
                boolean allowVoteChange, boolean anonymous, Instant expiresAt) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO polls (id, conversation_id, created_by, question, multiple_choice, allow_vote_change, anonymous, expires_at)
                VALUES (:id, :c, :by, :q, :multi, :change, :anonymous, :expires)
                """)
                .param("id", id).param("c", conversationId).param("by", createdBy).param("q", question)
                .param("multi", multipleChoice).param("change", allowVoteChange).param("anonymous", anonymous)
                .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt)).update();
        for (int i = 0; i < options.size(); i++) {
            jdbc.sql("INSERT INTO poll_options (id, poll_id, position, text) VALUES (:id, :poll, :position, :text)")
                    .param("id", Ids.newId()).param("poll", id).param("position", i).param("text", options.get(i)).update();
        }
        return id;
    }

    /** The poll row, locked for the rest of the transaction when {@code lock} (votes and closing serialize on it). */
    Optional<Row> find(UUID pollId, boolean lock) {
        return jdbc.sql("SELECT * FROM polls WHERE id = :id" + (lock ? " FOR UPDATE" : ""))
                .param("id", pollId)
                .query((row, n) -> new Row(row.getObject("id", UUID.class), row.getObject("conversation_id", UUID.class),
                        row.getObject("created_by", UUID.class), row.getString("question"),
                        row.getBoolean("multiple_choice"), row.getBoolean("allow_vote_change"),
                        row.getBoolean("anonymous"), instant(row.getTimestamp("expires_at")),
                        instant(row.getTimestamp("closed_at")), instant(row.getTimestamp("created_at"))))
                .optional();
    }

    List<UUID> optionIds(UUID pollId) {
        return jdbc.sql("SELECT id FROM poll_options WHERE poll_id = :p ORDER BY position").param("p", pollId)
                .query(UUID.class).list();
    }

    List<UUID> votesOf(UUID pollId, UUID userId) {
        return jdbc.sql("SELECT option_id FROM poll_votes WHERE poll_id = :p AND user_id = :u ORDER BY option_id")
                .param("p", pollId).param("u", userId).query(UUID.class).list();
    }

    void replaceVotes(UUID pollId, UUID userId, List<UUID> optionIds) {
        jdbc.sql("DELETE FROM poll_votes WHERE poll_id = :p AND user_id = :u").param("p", pollId).param("u", userId).update();
        for (UUID optionId : optionIds) {
            jdbc.sql("INSERT INTO poll_votes (poll_id, option_id, user_id) VALUES (:p, :o, :u)")
                    .param("p", pollId).param("o", optionId).param("u", userId).update();
        }
    }

    void close(UUID pollId) {
        jdbc.sql("UPDATE polls SET closed_at = now() WHERE id = :id AND closed_at IS NULL").param("id", pollId).update();
    }

    void delete(UUID pollId) {
        jdbc.sql("DELETE FROM polls WHERE id = :id").param("id", pollId).update();
    }

    List<UUID> idsInConversation(UUID conversationId, int limit) {
        return jdbc.sql("SELECT id FROM polls WHERE conversation_id = :c ORDER BY created_at DESC LIMIT :limit")
                .param("c", conversationId).param("limit", limit).query(UUID.class).list();
    }

    /** The poll with its tally, as {@code viewer} sees it. */
    Optional<Poll> view(UUID pollId, UUID viewer) {
        return find(pollId, false).map(row -> {
            Map<UUID, String> texts = new LinkedHashMap<>();
            Map<UUID, List<UUID>> voters = new LinkedHashMap<>();
            jdbc.sql("""
                    SELECT o.id, o.text, v.user_id FROM poll_options o LEFT JOIN poll_votes v ON v.option_id = o.id
                    WHERE o.poll_id = :p ORDER BY o.position, v.voted_at, v.user_id
                    """)
                    .param("p", pollId)
                    .query((ResultSet rs) -> {
                        UUID option = rs.getObject("id", UUID.class);
                        texts.put(option, rs.getString("text"));
                        List<UUID> optionVoters = voters.computeIfAbsent(option, id -> new ArrayList<>());
                        UUID voter = rs.getObject("user_id", UUID.class);
                        if (voter != null) {
                            optionVoters.add(voter);
                        }
                    });
            List<Poll.Option> options = texts.entrySet().stream().map(entry -> {
                List<UUID> optionVoters = voters.get(entry.getKey());
                return new Poll.Option(entry.getKey(), entry.getValue(), optionVoters.size(),
                        row.anonymous() ? null : List.copyOf(optionVoters));
            }).toList();
            return new Poll(row.id(), row.conversationId(), row.createdBy(), row.question(), options,
                    row.multipleChoice(), row.allowVoteChange(), row.anonymous(), row.expiresAt(),
                    !row.acceptsVotes(clock.instant()), row.createdAt(), votesOf(pollId, viewer));
        });
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
