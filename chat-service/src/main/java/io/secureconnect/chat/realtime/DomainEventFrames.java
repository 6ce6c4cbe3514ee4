package io.secureconnect.chat.realtime;

import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationChanged;
import io.secureconnect.chat.conversation.ConversationDeleted;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.keys.KeysChanged;
import io.secureconnect.chat.keys.KeysRunningLow;
import io.secureconnect.chat.message.MessageDeleted;
import io.secureconnect.chat.message.MessageEdited;
import io.secureconnect.chat.message.MessagesPosted;
import io.secureconnect.chat.message.ReactionChanged;
import io.secureconnect.chat.message.ReceiptMoved;
import io.secureconnect.chat.mls.Welcome;
import io.secureconnect.chat.mls.WelcomeStored;
import io.secureconnect.chat.notification.NotificationCreated;
import io.secureconnect.chat.notification.UnreadCountChanged;
import io.secureconnect.chat.poll.PollChanged;
import io.secureconnect.chat.poll.PollDeleted;
import io.secureconnect.chat.presence.PresenceChanged;
import io.secureconnect.chat.realtime.frames.ConversationDeletedFrame;
import io.secureconnect.chat.realtime.frames.ConversationUpdatedFrame;
import io.secureconnect.chat.realtime.frames.KeysChangedFrame;
import io.secureconnect.chat.realtime.frames.KeysLowFrame;
import io.secureconnect.chat.realtime.frames.MessageDeletedFrame;
import io.secureconnect.chat.realtime.frames.MessageEditedFrame;
import io.secureconnect.chat.realtime.frames.MessageFrame;
import io.secureconnect.chat.realtime.frames.MlsWelcomeFrame;
import io.secureconnect.chat.realtime.frames.NotificationFrame;
import io.secureconnect.chat.realtime.frames.PollDeletedFrame;
import io.secureconnect.chat.realtime.frames.PollUpdatedFrame;
import io.secureconnect.chat.realtime.frames.PresenceFrame;
import io.secureconnect.chat.realtime.frames.ReactionFrame;
import io.secureconnect.chat.realtime.frames.ReceiptFrame;
import io.secureconnect.chat.realtime.frames.UnreadCountFrame;
import io.secureconnect.common.websocket.ServerFrame;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns what the domain raises into frames for users' sockets. Every listener but presence's runs after the commit of
 * the transaction that raised its event (at once when there is none): a member never hears of a change that a
 * rollback takes back. These listeners keep the default order (0), which puts a message's frame before what else
 * follows its commit ({@link io.secureconnect.chat.message.MessageCommitted}, raised by a later listener).
 */
@Component
class DomainEventFrames {

    private final Fanout fanout;
    private final ConversationRepository conversations;

    DomainEventFrames(Fanout fanout, ConversationRepository conversations) {
        this.fanout = fanout;
        this.conversations = conversations;
    }

    /** One burst of messages in one round trip, in their order. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MessagesPosted posted) {
        fanout.toUsersInOrder(posted.memberIds(), posted.messages().stream().map(MessageFrame::new).toList());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MessageEdited edited) {
        toMembers(edited.message().conversationId(), new MessageEditedFrame(edited.message()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MessageDeleted deleted) {
        toMembers(deleted.conversationId(),
                new MessageDeletedFrame(deleted.conversationId(), deleted.messageId(), deleted.seq()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ReactionChanged reaction) {
        toMembers(reaction.conversationId(), new ReactionFrame(reaction.conversationId(), reaction.messageId(),
                reaction.userId(), reaction.emoji(), reaction.added() ? "added" : "removed"));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ReceiptMoved receipt) {
        toMembers(receipt.conversationId(), new ReceiptFrame(receipt.conversationId(), receipt.userId(),
                receipt.readSeq(), receipt.deliveredSeq()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PollChanged changed) {
        toMembers(changed.poll().conversationId(), new PollUpdatedFrame(changed.poll()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PollDeleted deleted) {
        toMembers(deleted.conversationId(), new PollDeletedFrame(deleted.conversationId(), deleted.pollId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(NotificationCreated created) {
        fanout.toUsers(List.of(created.userId()), new NotificationFrame(created.notification(), created.unreadCount()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(UnreadCountChanged unread) {
        fanout.toUsers(List.of(unread.userId()), new UnreadCountFrame(unread.unreadCount()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationChanged changed) {
        fanout.toUsers(changed.audience(),
                new ConversationUpdatedFrame(changed.change(), changed.actorId(), changed.conversation()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationDeleted deleted) {
        fanout.toUsers(deleted.memberIds(), new ConversationDeletedFrame(deleted.actorId(), deleted.conversationId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(KeysChanged changed) {
        fanout.toUsers(changed.peers(), new KeysChangedFrame(changed.userId(), changed.deviceId(), changed.change()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(KeysRunningLow low) {
        fanout.toUsers(List.of(low.userId()), new KeysLowFrame(low.deviceId(), low.keyPackages()));
    }

    /** After the commit that added the device, so the Welcome never outruns the commit it belongs to. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(WelcomeStored stored) {
        Welcome welcome = stored.welcome();
        fanout.toUsers(List.of(welcome.userId()), new MlsWelcomeFrame(welcome.conversationId(), welcome.deviceId(),
                welcome.welcomeId(), welcome.epoch(), welcome.welcome(), welcome.ratchetTree()));
    }

    /** Ephemeral: sent as it happens, and dropped while Redis is degraded. */
    @EventListener
    void on(PresenceChanged changed) {
        fanout.ephemeralToUsers(changed.audience(), new PresenceFrame(changed.userId(), changed.status(), changed.lastSeen()));
    }

    /** Members as committed: asked after the commit, as the frame goes out. */
    private void toMembers(UUID conversationId, ServerFrame frame) {
        fanout.toUsers(conversations.memberIds(conversationId), frame);
    }
}
