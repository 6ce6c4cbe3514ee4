package io.secureconnect.chat.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.message.Message;
import io.secureconnect.chat.message.MessageRepository;
import io.secureconnect.chat.message.Messaging;
import io.secureconnect.chat.message.SendingMessage;
import io.secureconnect.chat.message.Receipts;
import io.secureconnect.chat.message.SendMessage;
import io.secureconnect.chat.presence.Presence;
import io.secureconnect.chat.realtime.ClientFrames.Auth;
import io.secureconnect.chat.realtime.ClientFrames.Delete;
import io.secureconnect.chat.realtime.ClientFrames.Edit;
import io.secureconnect.chat.realtime.ClientFrames.Ping;
import io.secureconnect.chat.realtime.ClientFrames.React;
import io.secureconnect.chat.realtime.ClientFrames.Read;
import io.secureconnect.chat.realtime.ClientFrames.Send;
import io.secureconnect.chat.realtime.ClientFrames.Sync;
import io.secureconnect.chat.realtime.ClientFrames.Typing;
import io.secureconnect.chat.realtime.frames.AckFrame;
import io.secureconnect.chat.realtime.frames.AuthenticatedFrame;
import io.secureconnect.chat.realtime.frames.MessageFrame;
import io.secureconnect.chat.realtime.frames.PongFrame;
import io.secureconnect.chat.realtime.frames.SyncedFrame;
import io.secureconnect.chat.realtime.frames.TypingFrame;
import io.secureconnect.common.db.DatabaseUnavailable;
import io.secureconnect.common.db.RefusedValue;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.websocket.ClientFrame;
import io.secureconnect.common.websocket.ErrorFrame;
import io.secureconnect.common.websocket.Inbound;
import io.secureconnect.common.websocket.InvalidFrame;
import io.secureconnect.common.websocket.SocketConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * What a client's frames on {@code /ws/chat} do (docs/chat-protocol.md). A frame that cannot be done gets an
 * {@code error} frame naming the problem and the frame's {@code clientId} or {@code ref}; the socket stays open.
 * The operations are the REST ones, so both paths enforce the same rules.
 */
@Component
class InboundFrames {

    private static final Logger log = LoggerFactory.getLogger(InboundFrames.class);

    private final SendingMessage sending;
    private final Messaging messaging;
    private final Receipts receipts;
    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final ConversationAccess access;
    private final Presence presence;
    private final Fanout fanout;
    private final JwtDecoder tokens;
    private final ChatProperties properties;

    InboundFrames(SendingMessage sending, Messaging messaging, Receipts receipts, MessageRepository messages,
                  ConversationRepository conversations, ConversationAccess access, Presence presence, Fanout fanout,
                  JwtDecoder tokens, ChatProperties properties) {
        this.sending = sending;
        this.messaging = messaging;
        this.receipts = receipts;
        this.messages = messages;
        this.conversations = conversations;
        this.access = access;
        this.presence = presence;
        this.fanout = fanout;
        this.tokens = tokens;
        this.properties = properties;
    }

    /**
     * Frames of one socket in the order they arrived. Consecutive {@code send}s into one conversation are stored
     * together (one commit for all: group commit) and acknowledged each in turn; every other frame is handled on
     * its own, after the sends before it, so replies keep the order of the frames.
     */
    void handleAll(SocketConnection connection, List<Inbound> frames) {
        List<Send> sends = new ArrayList<>();
        for (Inbound inbound : frames) {
            if (inbound instanceof Inbound.Frame(Send send, String ignored)
                    && (sends.isEmpty() || sends.getFirst().conversationId().equals(send.conversationId()))) {
                sends.add(send);
                continue;
            }
            flush(connection, sends);
            switch (inbound) {
                case Inbound.Frame(Send send, String ignored) -> sends.add(send);
                case Inbound.Frame(ClientFrame frame, String ref) -> dispatch(connection, frame, ref);
                case Inbound.Refused(ErrorFrame error) -> connection.send(error);
            }
        }
        flush(connection, sends);
    }

    private void flush(SocketConnection connection, List<Send> sends) {
        if (sends.isEmpty()) {
            return;
        }
        List<SendMessage> commands = sends.stream().map(Send::command).toList();
        sends.clear();
        List<Object> outcomes;
        try {
            outcomes = sending.sendAll(Caller.of(connection.token()), commands.getFirst().conversationId(),
                    commands, "websocket");
        } catch (RuntimeException e) {
            outcomes = commands.stream().map(command -> (Object) e).toList();
        }
        for (int i = 0; i < commands.size(); i++) {
            String clientId = commands.get(i).clientId();
            if (outcomes.get(i) instanceof SendingMessage.Sent sent) {
                connection.send(new AckFrame(clientId, sent.message()));
            } else {
                replyFailure(connection, "send", clientId, (RuntimeException) outcomes.get(i));
            }
        }
    }

    private void dispatch(SocketConnection connection, ClientFrame frame, String ref) {
        Caller caller = Caller.of(connection.token());
        try {
            switch (frame) {
                case Edit edit -> messaging.edit(caller, edit.conversationId(), edit.messageId(), edit.body());
                case Delete delete -> messaging.delete(caller, delete.conversationId(), delete.messageId());
                case React react -> messaging.react(caller, react.conversationId(), react.messageId(), react.emoji(),
                        !react.remove());
                case Typing typing -> typing(caller, typing);
                case Read read -> receipts.mark(caller, read.conversationId(), read.seq(), read.deliveredSeq());
                case Sync sync -> sync(connection, caller, sync);
                case Ping ping -> ping(connection, ping);
                case Auth auth -> reauthenticate(connection, auth);
                default -> throw new IllegalStateException("A frame type without a handler: " + frame.getClass());
            }
        } catch (RuntimeException e) {
            replyFailure(connection, frame.getClass().getSimpleName(), ref, e);
        }
    }

    private void replyFailure(SocketConnection connection, String type, String ref, RuntimeException failure) {
        switch (failure) {
            case ApiException e -> connection.send(ErrorFrame.of(e.code().name(), e.getMessage(), ref));
            case InvalidFrame e -> connection.send(ErrorFrame.of(e.code(), e.getMessage(), ref));
            case DataAccessException e when RefusedValue.causedBy(e) -> connection.send(ErrorFrame.of(
                    InvalidFrame.VALIDATION_FAILED,
                    "A value cannot be stored (a control character, or a number or text out of range).", ref));
            case RuntimeException e when mayPass(e) -> {
                // the database is busy or away (a reconnect storm exhausts the pool): nothing was half done, so say
                // when to try again rather than leave a client that asked for sync without its messages
                log.warn("Handling a {} frame failed on the database: {}", type, e.getMessage());
                connection.send(new ErrorFrame("SERVICE_UNAVAILABLE", "Busy; send this frame again shortly.", ref,
                        500L + ThreadLocalRandom.current().nextInt(2_000)));
            }
            default -> {
                // not a condition known to pass (a constraint, a bug): no retry offered, since the same frame would
                // fail the same way and a correct client would send it forever
                log.error("Handling a {} frame failed", type, failure);
                connection.send(ErrorFrame.of("INTERNAL_ERROR", "The frame could not be handled.", ref));
            }
        }
    }

    /** A failure that can pass: the database away (classified as REST classifies it), or a transient conflict. */
    private static boolean mayPass(RuntimeException failure) {
        return DatabaseUnavailable.causedBy(failure) || failure instanceof TransientDataAccessException
                || failure instanceof RecoverableDataAccessException;
    }

    private void typing(Caller caller, Typing typing) {
        access.requireMember(caller, typing.conversationId(), "chat.typing");
        List<UUID> others = conversations.memberIds(typing.conversationId()).stream()
                .filter(id -> !id.equals(caller.userId())).toList();
        fanout.ephemeralToUsers(others, new TypingFrame(typing.conversationId(), caller.userId(), typing.typing()));
    }

    /**
     * Replays what the client missed: for each conversation in {@code after}, the messages above the given sequence
     * number (up to a batch per conversation), then {@code synced} with the newest sequence number of every
     * conversation of the user, so the client sees which ones to sync again or for the first time.
     */
    private void sync(SocketConnection connection, Caller caller, Sync sync) {
        Map<String, Long> incomplete = new LinkedHashMap<>();
        sync.after().forEach((conversationId, seq) -> {
            if (conversations.roleOf(conversationId, caller.userId()).isEmpty()) {
                access.requireMember(caller, conversationId, "chat.sync"); // audits, then answers 404
            }
            List<Message> missed = messages.after(conversationId, seq == null ? 0 : seq, properties.syncBatch());
            missed.forEach(message -> connection.send(new MessageFrame(message)));
            if (missed.size() == properties.syncBatch()) {
                incomplete.put(conversationId.toString(), missed.getLast().seq());
            }
        });
        Map<String, Long> latest = new LinkedHashMap<>();
        conversations.lastSeqs(caller.userId()).forEach((id, seq) -> latest.put(id.toString(), seq));
        connection.send(new SyncedFrame(latest, incomplete));
    }

    private void ping(SocketConnection connection, Ping ping) {
        presence.heartbeat(connection.userId(), connection.id(), "away".equals(ping.status()));
        connection.send(new PongFrame(ping.ref()));
    }

    private void reauthenticate(SocketConnection connection, Auth auth) {
        Jwt token;
        try {
            token = tokens.decode(auth.token());
        } catch (JwtException e) {
            connection.send(ErrorFrame.of("UNAUTHENTICATED", "The token is not valid."));
            return;
        }
        if (!connection.reauthenticate(token)) {
            throw new InvalidFrame("The token belongs to another user.");
        }
        connection.send(new AuthenticatedFrame(token.getExpiresAt()));
    }
}
