package io.secureconnect.chat.message;

import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Delivered and read watermarks per member: "everything up to seq N reached / was read by this member". They only
 * move forward, and never past the conversation's last message. Members hear of each move with {@code receipt}.
 */
@Service
public class Receipts {

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final ApplicationEventPublisher events;

    Receipts(JdbcClient jdbc, ConversationAccess access, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.access = access;
        this.events = events;
    }

    /** Marks messages up to {@code readSeq} read (and so delivered), and up to {@code deliveredSeq} delivered. */
    public Watermarks mark(Caller caller, UUID conversationId, long readSeq, long deliveredSeq) {
        access.requireMember(caller, conversationId, "chat.receipt");
        Watermarks marks = jdbc.sql("""
                UPDATE conversation_members m
                SET read_seq = greatest(m.read_seq, least(:read, c.last_seq)),
                    delivered_seq = greatest(m.delivered_seq, least(greatest(:delivered, :read), c.last_seq))
                FROM conversations c
                WHERE c.id = m.conversation_id AND m.conversation_id = :c AND m.user_id = :u
                RETURNING m.read_seq, m.delivered_seq
                """)
                .param("read", readSeq).param("delivered", deliveredSeq).param("c", conversationId)
                .param("u", caller.userId())
                .query((row, n) -> new Watermarks(row.getLong("read_seq"), row.getLong("delivered_seq"))).single();
        events.publishEvent(new ReceiptMoved(conversationId, caller.userId(), marks.readSeq(), marks.deliveredSeq()));
        return marks;
    }

    @Schema(name = "ReceiptWatermarks", description = "The caller's watermarks after the move")
    public record Watermarks(@Schema(example = "128") long readSeq, @Schema(example = "130") long deliveredSeq) {
    }
}
