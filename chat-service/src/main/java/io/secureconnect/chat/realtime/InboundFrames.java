package io.secureconnect.chat.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.secureconnect.common.security.Caller;
import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.message.Message;
import io.secureconnect.chat.message.MessageRepository;
import io.secureconnect.chat.message.Messaging;
import io.secureconnect.chat.message.Receipts;
import io.secureconnect.chat.message.SendMessage;
import io.secureconnect.chat.presence.Presence;
import io.secureconnect.common.db.DatabaseUnavailable;
import io.secureconnect.common.db.RefusedValue;
import io.secureconnect.common.web.ApiException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client may say on {@code /ws/chat} (docs/chat-protocol.md). A frame that cannot be understood gets an
 * {@code error} frame naming the problem and the frame's {@code clientId} or {@code ref}; the socket stays open.
 * The operations are the REST ones, so both paths enforce the same rules.
 */
@Component
class InboundFrames {

    private static final Logger log = LoggerFactory.getLogger(InboundFrames.class);

    private final Messaging messaging;
    private final Receipts receipts;
    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final ConversationAccess access;
    private final Presence presence;
    private final Fanout fanout;
    private final JwtDecoder tokens;
    private final JsonMapper json;
    private final ChatProperties properties;

    InboundFrames(Messaging messaging, Receipts receipts, MessageRepository messages,
                  ConversationRepository conversations, ConversationAccess access, Presence presence, Fanout fanout,
                  JwtDecoder tokens, JsonMapper json, ChatProperties properties) {
        this.messaging = messaging;
        this.receipts = receipts;
        this.messages = messages;
        this.conversations = conversations;
        this.access = access;
        this.presence = presence;
        this.fanout = fanout;
        this.tokens = tokens;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Frames of one socket in the order they arrived. Consecutive {@code send}s into one conversation are stored
     * together (one commit for all: group commit) and acknowledged each in turn; every other frame is handled on
     * its own, after the sends before it, so replies keep the order of the frames.
     */
    void handleAll(ChatConnection connection, List<String> payloads) {
        List<PendingSend> sends = new ArrayList<>();
        for (String payload : payloads) {
            JsonNode frame = parse(payload);
            PendingSend send = frame == null ? null : batchable(frame);
            if (send != null && (sends.isEmpty() || sends.getFirst().command().conversationId().equals(send.command().conversationId()))) {
                sends.add(send);
                continue;
            }
            flush(connection, sends);
            if (send != null) {
                sends.add(send);
            } else if (frame == null) {
                reply(connection, ServerFrames.error("MALFORMED_FRAME", "Frames are JSON objects with a type.", null));
            } else {
                dispatch(connection, frame);
            }
        }
        flush(connection, sends);
    }

    /** The {@code clientId} (or else {@code ref}) of a frame, to name it in an answer that refuses it unread. */
    String refOf(String payload) {
        JsonNode frame = parse(payload);
        if (frame == null) {
            return null;
        }
        return refOf(frame);
    }

    /**
     * The name a client gave a frame, echoed in the answer; left out when it is not well-formed text (an unpaired
     * surrogate cannot be encoded as UTF-8, so echoing it would fail the whole socket with 1011).
     */
    private static String refOf(JsonNode frame) {
        return wellFormed(text(frame, "clientId") != null ? text(frame, "clientId") : text(frame, "ref"));
    }

    private static String wellFormed(String text) {
        return text != null && text.codePoints().noneMatch(point -> Character.getType(point) == Character.SURROGATE) ? text : null;
    }

    private JsonNode parse(String payload) {
        try {
            JsonNode frame = json.readTree(payload);
            return frame != null && frame.isObject() ? frame : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A {@code send} frame whose fields parse, else null (it is then handled alone, which names the problem). */
    private PendingSend batchable(JsonNode frame) {
        if (!"send".equals(text(frame, "type"))) {
            return null;
        }
        try {
            return new PendingSend(command(frame));
        } catch (RuntimeException e) {
            return null; // handled alone, whose failure is answered, rather than failing the frames around it
        }
    }

    private record PendingSend(SendMessage command) {
    }

    private void flush(ChatConnection connection, List<PendingSend> sends) {
        if (sends.isEmpty()) {
            return;
        }
        List<SendMessage> commands = sends.stream().map(PendingSend::command).toList();
        sends.clear();
        List<Object> outcomes;
        try {
            outcomes = messaging.sendAll(Caller.of(connection.token()), commands.getFirst().conversationId(),
                    commands, "websocket");
        } catch (RuntimeException e) {
            outcomes = commands.stream().map(command -> (Object) e).toList();
        }
        for (int i = 0; i < commands.size(); i++) {
            String clientId = wellFormed(commands.get(i).clientId());
            if (outcomes.get(i) instanceof Messaging.Sent sent) {
                reply(connection, ServerFrames.frame("ack", "clientId", clientId, "message", sent.message()));
            } else {
                replyFailure(connection, "send", clientId, (RuntimeException) outcomes.get(i));
            }
        }
    }

    private void dispatch(ChatConnection connection, JsonNode frame) {
        String ref = refOf(frame);
        Caller caller = Caller.of(connection.token());
        try {
            switch (String.valueOf(text(frame, "type"))) {
                case "send" -> send(connection, caller, frame);
                case "edit" -> messaging.edit(caller, uuid(frame, "conversationId"), uuid(frame, "messageId"),
                        text(frame, "body"));
                case "delete" -> messaging.delete(caller, uuid(frame, "conversationId"), uuid(frame, "messageId"));
                case "react" -> messaging.react(caller, uuid(frame, "conversationId"), uuid(frame, "messageId"),
                        text(frame, "emoji"), !frame.path("remove").asBoolean(false));
                case "typing" -> typing(caller, frame);
                case "read" -> read(caller, frame);
                case "sync" -> sync(connection, caller, frame);
                case "ping" -> ping(connection, frame);
                case "auth" -> reauthenticate(connection, frame);
                default -> reply(connection, ServerFrames.error("UNKNOWN_TYPE",
                        "Unknown frame type; see docs/chat-protocol.md.", ref));
            }
        } catch (RuntimeException e) {
            replyFailure(connection, text(frame, "type"), ref, e);
        }
    }

    private void replyFailure(ChatConnection connection, String type, String ref, RuntimeException failure) {
        switch (failure) {
            case ApiException e -> reply(connection, ServerFrames.error(e.code().name(), e.getMessage(), ref));
            case InvalidFrame e -> reply(connection, ServerFrames.error("VALIDATION_FAILED", e.getMessage(), ref));
            case DataAccessException e when RefusedValue.causedBy(e) -> reply(connection, ServerFrames.error(
                    "VALIDATION_FAILED", "A value cannot be stored (a control character, or a number or text out of range).",
                    ref));
            case RuntimeException e when mayPass(e) -> {
                // the database is busy or away (a reconnect storm exhausts the pool): nothing was half done, so say
                // when to try again rather than leave a client that asked for sync without its messages
                log.warn("Handling a {} frame failed on the database: {}", type, e.getMessage());
                reply(connection, ServerFrames.frame("error", "code", "SERVICE_UNAVAILABLE",
                        "detail", "Busy; send this frame again shortly.", "ref", ref,
                        "retryAfterMs", 500 + ThreadLocalRandom.current().nextInt(2_000)));
            }
            default -> {
                // not a condition known to pass (a constraint, a bug): no retry offered, since the same frame would
                // fail the same way and a correct client would send it forever
                log.error("Handling a {} frame failed", type, failure);
                reply(connection, ServerFrames.error("INTERNAL_ERROR", "The frame could not be handled.", ref));
            }
        }
    }

    /**
     * A database failure that the same frame can get past later: the database away or busy, a lock or serialization
     * conflict, a timeout. A constraint violation or bad SQL fails the same way every time.
     */
    /** A failure that can pass: the database away (classified as REST classifies it), or a transient conflict. */
    private static boolean mayPass(RuntimeException failure) {
        return DatabaseUnavailable.causedBy(failure) || failure instanceof TransientDataAccessException
                || failure instanceof RecoverableDataAccessException;
    }

    private static SendMessage command(JsonNode frame) {
        List<UUID> attachments = new ArrayList<>();
        for (JsonNode id : frame.path("attachments")) {
            if (!id.isString()) {
                throw new InvalidFrame("attachments must be UUIDs.");
            }
            attachments.add(parseUuid(id.asString(), "attachments"));
        }
        return new SendMessage(uuid(frame, "conversationId"), text(frame, "clientId"),
                text(frame, "messageType"), text(frame, "body"), optionalUuid(frame, "replyTo"), attachments);
    }

    private void send(ChatConnection connection, Caller caller, JsonNode frame) {
        var command = command(frame);
        var sent = messaging.send(caller, command, "websocket");
        reply(connection, ServerFrames.frame("ack", "clientId", command.clientId(), "message", sent.message()));
    }

    private void typing(Caller caller, JsonNode frame) {
        UUID conversationId = uuid(frame, "conversationId");
        access.requireMember(caller, conversationId, "chat.typing");
        List<UUID> others = conversations.memberIds(conversationId).stream()
                .filter(id -> !id.equals(caller.userId())).toList();
        fanout.ephemeralToUsers(others, ServerFrames.frame("typing", "conversationId", conversationId,
                "userId", caller.userId(), "typing", frame.path("typing").asBoolean(true)));
    }

    private void read(Caller caller, JsonNode frame) {
        long seq = frame.path("seq").asLong(-1);
        if (seq < 0) {
            throw new InvalidFrame("seq must be a sequence number.");
        }
        receipts.mark(caller, uuid(frame, "conversationId"), seq, frame.path("deliveredSeq").asLong(seq));
    }

    /**
     * Replays what the client missed: for each conversation in {@code after}, the messages above the given sequence
     * number (up to a batch per conversation), then {@code synced} with the newest sequence number of every
     * conversation of the user, so the client sees which ones to sync again or for the first time.
     */
    private void sync(ChatConnection connection, Caller caller, JsonNode frame) {
        JsonNode after = frame.path("after");
        if (!after.isObject() && !after.isMissingNode()) {
            throw new InvalidFrame("after maps conversation ids to the last sequence number you have.");
        }
        Map<String, Object> incomplete = new LinkedHashMap<>();
        for (var entry : after.properties()) {
            UUID conversationId = parseUuid(entry.getKey(), "after");
            if (conversations.roleOf(conversationId, caller.userId()).isEmpty()) {
                access.requireMember(caller, conversationId, "chat.sync"); // audits, then answers 404
            }
            List<Message> missed = messages.after(conversationId, entry.getValue().asLong(0), properties.syncBatch());
            missed.forEach(message -> reply(connection, ServerFrames.frame("message", "message", message)));
            if (missed.size() == properties.syncBatch()) {
                incomplete.put(conversationId.toString(), missed.getLast().seq());
            }
        }
        Map<String, Long> latest = new LinkedHashMap<>();
        conversations.lastSeqs(caller.userId()).forEach((id, seq) -> latest.put(id.toString(), seq));
        reply(connection, ServerFrames.frame("synced", "latest", latest, "incomplete", incomplete));
    }

    private void ping(ChatConnection connection, JsonNode frame) {
        presence.heartbeat(connection.userId(), connection.id(), "away".equals(text(frame, "status")));
        reply(connection, ServerFrames.frame("pong", "ref", wellFormed(text(frame, "ref"))));
    }

    /** A fresh access token for a long-lived socket, before the old one expires; it must be the same user's. */
    private void reauthenticate(ChatConnection connection, JsonNode frame) {
        String value = text(frame, "token");
        if (value == null) {
            throw new InvalidFrame("token is required.");
        }
        try {
            Jwt token = tokens.decode(value);
            if (!connection.userId().toString().equals(token.getSubject())) {
                throw new InvalidFrame("The token belongs to another user.");
            }
            connection.reauthenticate(token);
            reply(connection, ServerFrames.frame("authenticated", "expiresAt", token.getExpiresAt()));
        } catch (JwtException e) {
            reply(connection, ServerFrames.error("UNAUTHENTICATED", "The token is not valid.", null));
        }
    }

    private void reply(ChatConnection connection, Map<String, Object> frame) {
        fanout.toConnection(connection, frame);
    }

    private static String text(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static UUID uuid(JsonNode frame, String field) {
        String value = text(frame, field);
        if (value == null) {
            throw new InvalidFrame(field + " is required.");
        }
        return parseUuid(value, field);
    }

    private static UUID optionalUuid(JsonNode frame, String field) {
        String value = text(frame, field);
        return value == null ? null : parseUuid(value, field);
    }

    private static UUID parseUuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFrame(field + " must be a UUID.");
        }
    }

    /** A frame whose fields are missing or of the wrong shape. */
    private static final class InvalidFrame extends RuntimeException {
        InvalidFrame(String message) {
            super(message, null, false, false);
        }
    }
}
