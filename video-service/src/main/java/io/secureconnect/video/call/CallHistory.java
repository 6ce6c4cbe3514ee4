package io.secureconnect.video.call;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.video.live.LiveCall;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Call history in PostgreSQL: who was rung, who joined and left when, how long the call lasted, how it ended. */
@Repository
class CallHistory {

    record CallRecord(UUID id, UUID conversationId, UUID initiatorId, String media, String state, int maxParticipants,
                      Instant createdAt, Instant startedAt, Instant endedAt, Long durationSeconds, String endReason) {

        boolean ended() {
            return endedAt != null;
        }
    }

    record ParticipantRecord(UUID userId, String role, String response, Instant joinedAt, Instant leftAt,
                             String leaveReason) {
    }

    private final JdbcClient jdbc;

    CallHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void insert(LiveCall.CallMeta meta) {
        jdbc.sql("""
                INSERT INTO calls (id, conversation_id, initiator_id, media, state, max_participants, created_at)
                VALUES (:id, :conversation, :initiator, :media, 'ringing', :max, :created)""")
                .param("id", meta.id()).param("conversation", meta.conversationId())
                .param("initiator", meta.initiatorId()).param("media", meta.media())
                .param("max", meta.maxParticipants()).param("created", Timestamp.from(meta.createdAt())).update();
        addParticipant(meta.id(), meta.initiatorId(), "initiator");
        meta.invitees().forEach(invitee -> addParticipant(meta.id(), invitee, "invitee"));
    }

    private void addParticipant(UUID callId, UUID userId, String role) {
        jdbc.sql("INSERT INTO call_participants (call_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(callId, userId, role).update();
    }

    Optional<CallRecord> find(UUID callId) {
        return jdbc.sql("""
                SELECT id, conversation_id, initiator_id, media, state, max_participants, created_at, started_at,
                       ended_at, duration_seconds, end_reason
                FROM calls WHERE id = ?""").param(callId).query(CallRecord.class).optional();
    }

    List<ParticipantRecord> participants(UUID callId) {
        return jdbc.sql("""
                SELECT user_id, role, response, joined_at, left_at, leave_reason FROM call_participants
                WHERE call_id = ? ORDER BY joined_at NULLS LAST, user_id""").param(callId).query(ParticipantRecord.class).list();
    }

    boolean isInvolved(UUID callId, UUID userId) {
        return jdbc.sql("SELECT count(*) FROM call_participants WHERE call_id = ? AND user_id = ?")
                .params(callId, userId).query(Long.class).single() > 0;
    }

    void recordJoin(UUID callId, UUID userId, Instant at) {
        jdbc.sql("""
                INSERT INTO call_participants (call_id, user_id, role, joined_at) VALUES (:call, :user, 'member', :at)
                ON CONFLICT (call_id, user_id) DO UPDATE
                SET joined_at = COALESCE(call_participants.joined_at, :at), left_at = NULL, leave_reason = NULL""")
                .param("call", callId).param("user", userId).param("at", Timestamp.from(at)).update();
    }

    void recordLeave(UUID callId, UUID userId, String reason, Instant at) {
        jdbc.sql("UPDATE call_participants SET left_at = ?, leave_reason = ? WHERE call_id = ? AND user_id = ? AND left_at IS NULL")
                .params(Timestamp.from(at), reason, callId, userId).update();
    }

    void recordDecline(UUID callId, UUID userId) {
        jdbc.sql("UPDATE call_participants SET response = 'declined' WHERE call_id = ? AND user_id = ?")
                .params(callId, userId).update();
    }

    void markActive(UUID callId, Instant startedAt) {
        jdbc.sql("UPDATE calls SET state = 'active', started_at = ? WHERE id = ? AND state = 'ringing'")
                .params(Timestamp.from(startedAt), callId).update();
    }

    /** Ends the call once: true for the one caller (on any instance) whose update ended it. */
    @Transactional
    boolean end(UUID callId, String reason, Instant at, Instant startedAt) {
        int ended = jdbc.sql("""
                UPDATE calls SET state = 'ended', ended_at = :at, end_reason = :reason,
                       started_at = COALESCE(started_at, :started),
                       duration_seconds = CASE WHEN COALESCE(started_at, :started) IS NULL THEN 0
                           ELSE GREATEST(0, EXTRACT(EPOCH FROM (:at - COALESCE(started_at, :started))))::bigint END
                WHERE id = :id AND ended_at IS NULL""")
                .param("at", Timestamp.from(at)).param("reason", reason)
                .param("started", startedAt == null ? null : Timestamp.from(startedAt)).param("id", callId).update();
        if (ended == 1) {
            jdbc.sql("""
                    UPDATE call_participants SET left_at = ?, leave_reason = 'call_ended'
                    WHERE call_id = ? AND joined_at IS NOT NULL AND left_at IS NULL""")
                    .params(Timestamp.from(at), callId).update();
        }
        return ended == 1;
    }
}
