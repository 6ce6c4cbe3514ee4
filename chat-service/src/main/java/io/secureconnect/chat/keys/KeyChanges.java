package io.secureconnect.chat.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces {@code keys.changed}: a device is {@code added} once its first KeyPackages are uploaded (before that a
 * member reacting at once would find nothing to claim), {@code removed} as soon as it is gone. Everyone who shares a
 * conversation with its owner hears it, and so do the owner's own sockets: their other devices add a new one to the
 * groups as well.
 */
@Component
class KeyChanges {

    /** Bounds the audience of one {@code keys.changed}: the peers a client could be encrypting to. */
    private static final int MAX_PEERS_TOLD = 10_000;

    private final ConversationRepository conversations;
    private final ApplicationEventPublisher events;

    KeyChanges(ConversationRepository conversations, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.events = events;
    }

    void added(UUID userId, String deviceId) {
        announce(userId, deviceId, "added");
    }

    void removed(UUID userId, String deviceId) {
        announce(userId, deviceId, "removed");
    }

    private void announce(UUID userId, String deviceId, String change) {
        List<UUID> audience = new ArrayList<>(conversations.peersOf(userId, MAX_PEERS_TOLD));
        audience.add(userId);
        events.publishEvent(new KeysChanged(audience, userId, deviceId, change));
    }
}
