package io.secureconnect.chat.message;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.id.Ids;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages, their edit history and reactions in PostgreSQL. */
@Repository
public class MessageRepository {

    /** Messages past their disappearing time are invisible at once, before the retention job erases them. */
    private static final String VISIBLE = " AND (expires_at IS NULL OR expires_at > now())";

    private static final String COLUMNS = """
            id, conversation_id, seq, sender_id, client_id, type, body, reply_to, attachments, created_at, edited_at,
            deleted_at\s""";

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends a message with the conversation's next sequence number, in one statement: taking the number, writing
     * the message and moving the sender's own read mark commit together, and the conversation's row lock orders
     * concurrent senders, so every member sees one total order without gaps. A message with the same client id from
     * the same sender is returned instead of a second one being written. A disappearing conversation stamps the
     * message with when it is to be erased.
     */
    public Appended append(UUID conversationId, UUID senderId, String clientId, MessageType type, String body,
                           UUID replyTo, List<UUID> attachments) {
        try {
            Message message = jdbc.sql("""
                    WITH numbered AS (
                        UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = now() WHERE id = :c
                        RETURNING last_seq, message_ttl_seconds),
                    stored AS (
                        INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, type, body, reply_to,
                                              attachments, expires_at)
                        SELECT :id, :c, numbered.last_seq, :sender, :clientId, :type, :body, :replyTo, :attachments,
                               now() + make_interval(secs => numbered.message_ttl_seconds)
                        FROM numbered
                        RETURNING %s),
                    read_own AS (
                        UPDATE conversation_members
                        SET read_seq = greatest(read_seq, (SELECT seq FROM stored)),
                            delivered_seq = greatest(delivered_seq, (SELECT seq FROM stored))
                        WHERE conversation_id = :c AND user_id = :sender)
                    SELECT * FROM stored""".formatted(COLUMNS))
                    .param("id", Ids.newId()).param("c", conversationId).param("sender", senderId)
                    .param("clientId", clientId).param("type", type.wire()).param("body", body).param("replyTo", replyTo)
                    .param("attachments", attachments.toArray(UUID[]::new))
                    .query(MessageRepository::message).single();
            return new Appended(message, true);
        } catch (DuplicateKeyException retried) {
            // the same send raced itself (a client retrying before the first answer): the first one stands
            return new Appended(findByClientId(conversationId, senderId, clientId).orElseThrow(), false);
        }
    }

    /** A message to append: what {@link #append} takes, for several at once. */
    record Draft(String clientId, MessageType type, String body, UUID replyTo, List<UUID> attachments) {
    }

    /**
     * Appends several messages of one sender in one statement (one commit, one round trip): they take the next
     * sequence numbers in the given order, gapless, exactly as that many {@link #append}s would. Client ids must be
     * distinct and not yet stored; should one have been stored meanwhile (a retry racing this), nothing is written
     * and {@link DuplicateKeyException} is thrown, so the caller appends them one by one instead.
     */
    List<Message> appendAll(UUID conversationId, UUID senderId, List<Draft> drafts) {
        int n = drafts.size();
        UUID[] ids = new UUID[n];
        String[] clientIds = new String[n];
        String[] types = new String[n];
        String[] bodies = new String[n];
        UUID[] replyTos = new UUID[n];
        String[] attachments = new String[n];
        for (int i = 0; i < n; i++) {
            Draft draft = drafts.get(i);
            ids[i] = Ids.newId();
            clientIds[i] = draft.clientId();
            types[i] = draft.type().wire();
            bodies[i] = draft.body();
            replyTos[i] = draft.replyTo();
            // a uuid[] per row cannot travel in a uuid[][] (rows differ in length), so each goes as one string
            attachments[i] = String.join(",", draft.attachments().stream().map(UUID::toString).toList());
        }
        return jdbc.sql("""
                WITH numbered AS (
                    UPDATE conversations SET last_seq = last_seq + :n, last_activity_at = now() WHERE id = :c
                    RETURNING last_seq, message_ttl_seconds),
                drafts AS (
                    SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:clientIds AS text[]), CAST(:types AS text[]),
                                         CAST(:bodies AS text[]), CAST(:replyTos AS uuid[]), CAST(:attachments AS text[]))
                         WITH ORDINALITY AS d(id, client_id, type, body, reply_to, attachments, ord)),
                stored AS (
                    INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, type, body, reply_to,
                                          attachments, expires_at)
                    SELECT d.id, :c, numbered.last_seq - :n + d.ord, :sender, d.client_id, d.type, d.body, d.reply_to,
                           CASE WHEN d.attachments = '' THEN '{}'::uuid[] ELSE string_to_array(d.attachments, ',')::uuid[] END,
                           now() + make_interval(secs => numbered.message_ttl_seconds)
                    FROM numbered, drafts d
                    RETURNING %s),
                read_own AS (
                    UPDATE conversation_members
                    SET read_seq = greatest(read_seq, (SELECT max(seq) FROM stored)),
                        delivered_seq = greatest(delivered_seq, (SELECT max(seq) FROM stored))
                    WHERE conversation_id = :c AND user_id = :sender)
                SELECT * FROM stored ORDER BY seq""".formatted(COLUMNS))
                .param("n", n).param("c", conversationId).param("sender", senderId).param("ids", ids)
                .param("clientIds", clientIds).param("types", types).param("bodies", bodies)
                .param("replyTos", replyTos).param("attachments", attachments)
                .query(MessageRepository::message).list();
    }

    /** The messages of a sender with any of these client ids, by client id. */
    Map<String, Message> findByClientIds(UUID conversationId, UUID senderId, Collection<String> clientIds) {
        Map<String, Message> found = new LinkedHashMap<>();
        withReactions(jdbc.sql("SELECT " + COLUMNS
                        + " FROM messages WHERE conversation_id = :c AND sender_id = :s AND client_id = ANY(:ids)")
                .param("c", conversationId).param("s", senderId).param("ids", clientIds.toArray(String[]::new))
                .query(MessageRepository::message).list())
                .forEach(message -> found.put(message.clientId(), message));
        return found;
    }

    /** The result of {@link #append}: the message, and whether this call wrote it. */
    public record Appended(Message message, boolean created) {
    }

    Optional<Message> findByClientId(UUID conversationId, UUID senderId, String clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :c AND sender_id = :s AND client_id = :id")
                .param("c", conversationId).param("s", senderId).param("id", clientId)
                .query(MessageRepository::message).optional().map(this::withReactions);
    }

    Optional<Message> find(UUID conversationId, UUID messageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :c AND id = :id" + VISIBLE)
                .param("c", conversationId).param("id", messageId)
                .query(MessageRepository::message).optional().map(this::withReactions);
    }

    Optional<Message> lockForChange(UUID conversationId, UUID messageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :c AND id = :id" + VISIBLE + " FOR UPDATE")
                .param("c", conversationId).param("id", messageId).query(MessageRepository::message).optional();
    }

    /** Up to {@code limit} messages with a sequence number above {@code after}, oldest first. */
    /** Whether a message of the conversation that is neither deleted nor expired still carries the file. */
    public boolean isAttachedToALiveMessage(UUID conversationId, UUID fileId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM messages
                               WHERE conversation_id = :conversation AND attachments @> ARRAY[:file]::uuid[]
                                 AND cardinality(attachments) > 0 AND deleted_at IS NULL""" + VISIBLE + ")")
                .param("conversation", conversationId).param("file", fileId).query(Boolean.class).single();
    }

    public List<Message> after(UUID conversationId, long after, int limit) {
        return withReactions(jdbc.sql("SELECT " + COLUMNS + """
                 FROM messages WHERE conversation_id = :c AND seq > :after""" + VISIBLE + " ORDER BY seq LIMIT :limit")
                .param("c", conversationId).param("after", after).param("limit", limit)
                .query(MessageRepository::message).list());
    }

    /** Up to {@code limit} messages just below {@code before}, returned oldest first. */
    List<Message> before(UUID conversationId, long before, int limit) {
        List<Message> newestFirst = jdbc.sql("SELECT " + COLUMNS + """
                 FROM messages WHERE conversation_id = :c AND seq < :before""" + VISIBLE + " ORDER BY seq DESC LIMIT :limit")
                .param("c", conversationId).param("before", before).param("limit", limit)
                .query(MessageRepository::message).list();
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return withReactions(oldestFirst);
    }

    /**
     * Plaintext messages matching {@code query} in conversations the user belongs to, newest first, older than
     * the cursor position when given. Encrypted conversations are never searched: the server cannot read them.
     */
    public List<Message> search(UUID userId, String query, UUID conversationId, Instant beforeAt, UUID beforeId, int limit) {
        return withReactions(jdbc.sql("SELECT " + COLUMNS + """
                FROM messages m
                WHERE m.type = 'text' AND m.deleted_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())
                  AND to_tsvector('simple', coalesce(m.body, '')) @@ websearch_to_tsquery('simple', :q)
                  AND EXISTS (SELECT 1 FROM conversation_members cm WHERE cm.conversation_id = m.conversation_id AND cm.user_id = :u)
                  AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id AND NOT c.e2ee)
                  AND (CAST(:c AS uuid) IS NULL OR m.conversation_id = :c)
                  AND (CAST(:at AS timestamptz) IS NULL OR (m.created_at, m.id) < (:at, :beforeId))
                ORDER BY m.created_at DESC, m.id DESC LIMIT :limit
                """)
                .param("q", query).param("u", userId).param("c", conversationId)
                .param("at", beforeAt == null ? null : Timestamp.from(beforeAt)).param("beforeId", beforeId)
                .param("limit", limit)
                .query(MessageRepository::message).list());
    }

    void edit(UUID messageId, String previousBody, String body) {
        jdbc.sql("INSERT INTO message_edits (message_id, body) VALUES (:id, :body)")
                .param("id", messageId).param("body", previousBody).update();
        jdbc.sql("UPDATE messages SET body = :body, edited_at = now() WHERE id = :id")
                .param("body", body).param("id", messageId).update();
    }

    /** Tombstones a message: content, attachments, edit history and reactions are erased for everyone. */
    void erase(UUID messageId) {
        jdbc.sql("UPDATE messages SET body = NULL, attachments = '{}', deleted_at = now() WHERE id = :id")
                .param("id", messageId).update();
        jdbc.sql("DELETE FROM message_edits WHERE message_id = :id").param("id", messageId).update();
        jdbc.sql("DELETE FROM message_reactions WHERE message_id = :id").param("id", messageId).update();
    }

    List<EarlierVersion> edits(UUID messageId) {
        return jdbc.sql("SELECT body, replaced_at FROM message_edits WHERE message_id = :id ORDER BY replaced_at")
                .param("id", messageId)
                .query((row, n) -> new EarlierVersion(row.getString("body"), row.getTimestamp("replaced_at").toInstant()))
                .list();
    }

    boolean addReaction(UUID messageId, UUID userId, String emoji) {
        return jdbc.sql("INSERT INTO message_reactions (message_id, user_id, emoji) VALUES (:m, :u, :e) ON CONFLICT DO NOTHING")
                .param("m", messageId).param("u", userId).param("e", emoji).update() > 0;
    }

    boolean removeReaction(UUID messageId, UUID userId, String emoji) {
        return jdbc.sql("DELETE FROM message_reactions WHERE message_id = :m AND user_id = :u AND emoji = :e")
                .param("m", messageId).param("u", userId).param("e", emoji).update() > 0;
    }

    private Message withReactions(Message message) {
        return withReactions(List.of(message)).getFirst();
    }

    private List<Message> withReactions(List<Message> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        Map<UUID, Map<String, List<UUID>>> byMessage = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT message_id, emoji, user_id FROM message_reactions WHERE message_id = ANY(:ids)
                ORDER BY message_id, created_at, user_id
                """)
                .param("ids", messages.stream().map(Message::id).toArray(UUID[]::new))
                .query((ResultSet row) -> {
                    byMessage.computeIfAbsent(row.getObject("message_id", UUID.class), id -> new LinkedHashMap<>())
                            .computeIfAbsent(row.getString("emoji"), emoji -> new ArrayList<>())
                            .add(row.getObject("user_id", UUID.class));
                });
        return messages.stream().map(message -> message.withReactions(
                byMessage.getOrDefault(message.id(), Map.of()).entrySet().stream()
                        .map(entry -> new Message.Reaction(entry.getKey(), List.copyOf(entry.getValue()))).toList()))
                .toList();
    }

    private static Message message(ResultSet row, int n) throws SQLException {
        Array attachments = row.getArray("attachments");
        Timestamp edited = row.getTimestamp("edited_at");
        String replyTo = row.getString("reply_to");
        return new Message(row.getObject("id", UUID.class), row.getObject("conversation_id", UUID.class),
                row.getLong("seq"), row.getObject("sender_id", UUID.class), row.getString("client_id"),
                MessageType.fromWire(row.getString("type")), row.getString("body"),
                replyTo == null ? null : UUID.fromString(replyTo),
                attachments == null ? List.of() : Arrays.asList((UUID[]) attachments.getArray()), List.of(),
                row.getTimestamp("created_at").toInstant(), edited == null ? null : edited.toInstant(),
                row.getTimestamp("deleted_at") != null);
    }
}
