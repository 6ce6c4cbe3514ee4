package io.secureconnect.chat.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.common.paging.Position;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations and their members in PostgreSQL. */
@Repository
public class ConversationRepository {

    private static final String SELECT_AS_MEMBER = """
            SELECT c.id, c.type, c.name, c.avatar_file_id, c.e2ee, c.message_ttl_seconds, c.created_by, c.created_at,
                   c.last_activity_at, c.last_seq, m.read_seq
            FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
            """;

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, ConversationType type, String name, UUID avatarFileId, boolean e2ee, String directPair,
                UUID createdBy) {
        jdbc.sql("""
                INSERT INTO conversations (id, type, name, avatar_file_id, e2ee, direct_pair, created_by)
                VALUES (:id, :type, :name, :avatar, :e2ee, :pair, :createdBy)
                """)
                .param("id", id).param("type", type.wire()).param("name", name).param("avatar", avatarFileId)
                .param("e2ee", e2ee).param("pair", directPair).param("createdBy", createdBy).update();
    }

    Optional<UUID> findDirect(String directPair) {
        return jdbc.sql("SELECT id FROM conversations WHERE direct_pair = :pair").param("pair", directPair)
                .query(UUID.class).optional();
    }

    /** Adds members that are not in yet; returns how many were added. */
    int addMembers(UUID conversationId, Collection<UUID> userIds, Role role) {
        int added = 0;
        for (UUID userId : userIds) {
            added += jdbc.sql("""
                    INSERT INTO conversation_members (conversation_id, user_id, role) VALUES (:c, :u, :role)
                    ON CONFLICT DO NOTHING
                    """)
                    .param("c", conversationId).param("u", userId).param("role", role.wire()).update();
        }
        return added;
    }

    boolean removeMember(UUID conversationId, UUID userId) {
        return jdbc.sql("DELETE FROM conversation_members WHERE conversation_id = :c AND user_id = :u")
                .param("c", conversationId).param("u", userId).update() > 0;
    }

    void setRole(UUID conversationId, UUID userId, Role role) {
        jdbc.sql("UPDATE conversation_members SET role = :role WHERE conversation_id = :c AND user_id = :u")
                .param("role", role.wire()).param("c", conversationId).param("u", userId).update();
    }

    /** Changes what is given (null: unchanged); a message time-to-live of 0 turns disappearing messages off. */
    void update(UUID conversationId, String name, UUID avatarFileId, Long messageTtlSeconds) {
        jdbc.sql("""
                UPDATE conversations SET name = coalesce(:name, name), avatar_file_id = coalesce(:avatar, avatar_file_id),
                       message_ttl_seconds = CASE WHEN :ttl::bigint IS NULL THEN message_ttl_seconds
                                                  ELSE nullif(:ttl::bigint, 0) END
                WHERE id = :id
                """)
                .param("name", name).param("avatar", avatarFileId).param("ttl", messageTtlSeconds)
                .param("id", conversationId).update();
    }

    void delete(UUID conversationId) {
        jdbc.sql("DELETE FROM conversations WHERE id = :id").param("id", conversationId).update();
    }

    /** The caller's role, or empty when the caller is not a member (or the conversation does not exist). */
    public Optional<Role> roleOf(UUID conversationId, UUID userId) {
        return jdbc.sql("SELECT role FROM conversation_members WHERE conversation_id = :c AND user_id = :u")
                .param("c", conversationId).param("u", userId)
                .query((row, n) -> Role.fromWire(row.getString("role"))).optional();
    }

    /** Locks the members of a conversation against concurrent changes for the rest of the transaction. */
    int lockAndCountMembers(UUID conversationId) {
        jdbc.sql("SELECT id FROM conversations WHERE id = :id FOR UPDATE").param("id", conversationId)
                .query(UUID.class).optional();
        return jdbc.sql("SELECT count(*) FROM conversation_members WHERE conversation_id = :c")
                .param("c", conversationId).query(Integer.class).single();
    }

    public List<UUID> memberIds(UUID conversationId) {
        return jdbc.sql("SELECT user_id FROM conversation_members WHERE conversation_id = :c")
                .param("c", conversationId).query(UUID.class).list();
    }

    public List<Member> members(UUID conversationId) {
        return membersOf(List.of(conversationId)).getOrDefault(conversationId, List.of());
    }

    /** The oldest admin, else the oldest member: who owns a group after its owner leaves. */
    Optional<UUID> successor(UUID conversationId) {
        return jdbc.sql("""
                SELECT user_id FROM conversation_members WHERE conversation_id = :c
                ORDER BY (role = 'admin') DESC, joined_at, user_id LIMIT 1
                """)
                .param("c", conversationId).query(UUID.class).optional();
    }

    /** The conversation as {@link #findForMember} sees it, but without its member list (cheap, for every send). */
    public Optional<Conversation> headerForMember(UUID conversationId, UUID userId) {
        return jdbc.sql(SELECT_AS_MEMBER + " WHERE m.user_id = :u AND c.id = :c")
                .param("u", userId).param("c", conversationId)
                .query(ConversationRepository::conversation).optional();
    }

    public Optional<Conversation> findForMember(UUID conversationId, UUID userId) {
        return headerForMember(conversationId, userId)
                .map(conversation -> conversation.withMembers(members(conversationId)));
    }

    /** A page of the user's conversations, most recent activity first, strictly after {@code cursor} when given. */
    List<Conversation> pageForMember(UUID userId, Position cursor, int limit) {
        var query = cursor == null
                ? jdbc.sql(SELECT_AS_MEMBER + " WHERE m.user_id = :u ORDER BY c.last_activity_at DESC, c.id DESC LIMIT :limit")
                : jdbc.sql(SELECT_AS_MEMBER + """
                         WHERE m.user_id = :u AND (c.last_activity_at, c.id) < (:at, :id)
                        ORDER BY c.last_activity_at DESC, c.id DESC LIMIT :limit
                        """)
                        .param("at", Timestamp.from(cursor.at())).param("id", cursor.id());
        List<Conversation> page = query.param("u", userId).param("limit", limit)
                .query(ConversationRepository::conversation).list();
        Map<UUID, List<Member>> members = membersOf(page.stream().map(Conversation::id).toList());
        return page.stream().map(c -> c.withMembers(members.getOrDefault(c.id(), List.of()))).toList();
    }

    /** The last sequence number of each of the user's conversations (what a client should have after a sync). */
    public Map<UUID, Long> lastSeqs(UUID userId) {
        Map<UUID, Long> seqs = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT c.id, c.last_seq FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.user_id = :u ORDER BY c.last_activity_at DESC LIMIT 1000
                """)
                .param("u", userId)
                .query((ResultSet row) -> {
                    seqs.put(row.getObject("id", UUID.class), row.getLong("last_seq"));
                });
        return seqs;
    }

    /**
     * The people the user has a direct conversation with: the audience of their presence announcements. Group
     * members look presence up when they open the group; announcing every flip to every group member is what
     * turns a reconnect storm into a presence storm.
     */
    public List<UUID> directPartnersOf(UUID userId, int limit) {
        return jdbc.sql("""
                SELECT other.user_id FROM conversation_members mine
                JOIN conversations c ON c.id = mine.conversation_id AND c.type = 'direct'
                JOIN conversation_members other ON other.conversation_id = mine.conversation_id
                WHERE mine.user_id = :u AND other.user_id <> :u LIMIT :limit
                """)
                .param("u", userId).param("limit", limit).query(UUID.class).list();
    }

    /** Everyone who shares at least one conversation with the user (at most {@code limit} of them). */
    public List<UUID> peersOf(UUID userId, int limit) {
        return jdbc.sql("""
                SELECT DISTINCT other.user_id FROM conversation_members mine
                JOIN conversation_members other ON other.conversation_id = mine.conversation_id
                WHERE mine.user_id = :u AND other.user_id <> :u LIMIT :limit
                """)
                .param("u", userId).param("limit", limit).query(UUID.class).list();
    }

    /** Those of {@code others} who share at least one conversation with the user. */
    public Set<UUID> sharingAConversationWith(UUID userId, Collection<UUID> others) {
        if (others.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                SELECT DISTINCT other.user_id FROM conversation_members mine
                JOIN conversation_members other ON other.conversation_id = mine.conversation_id
                WHERE mine.user_id = :u AND other.user_id = ANY(:others)
                """)
                .param("u", userId).param("others", others.toArray(UUID[]::new)).query(UUID.class).list());
    }

    private Map<UUID, List<Member>> membersOf(List<UUID> conversationIds) {
        Map<UUID, List<Member>> members = new LinkedHashMap<>();
        if (conversationIds.isEmpty()) {
            return members;
        }
        jdbc.sql("""
                SELECT conversation_id, user_id, role FROM conversation_members WHERE conversation_id = ANY(:ids)
                ORDER BY conversation_id, joined_at, user_id
                """)
                .param("ids", conversationIds.toArray(UUID[]::new))
                .query((ResultSet row) -> {
                    members.computeIfAbsent(row.getObject("conversation_id", UUID.class), id -> new ArrayList<>())
                            .add(new Member(row.getObject("user_id", UUID.class), Role.fromWire(row.getString("role"))));
                });
        return members;
    }

    private static Conversation conversation(ResultSet row, int n) throws SQLException {
        long lastSeq = row.getLong("last_seq");
        long readSeq = row.getLong("read_seq");
        return new Conversation(row.getObject("id", UUID.class), ConversationType.fromWire(row.getString("type")),
                row.getString("name"), row.getObject("avatar_file_id", UUID.class), row.getBoolean("e2ee"),
                row.getObject("message_ttl_seconds", Long.class), row.getObject("created_by", UUID.class), instant(row, "created_at"), instant(row, "last_activity_at"),
                lastSeq, readSeq, Math.max(0, lastSeq - readSeq), List.of());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
