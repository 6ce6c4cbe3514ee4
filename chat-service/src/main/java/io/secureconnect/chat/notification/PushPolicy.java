package io.secureconnect.chat.notification;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.chat.presence.Presence;

import org.springframework.stereotype.Component;

/**
 * Who among some users gets a push of a kind: those with no live socket anywhere (while Redis cannot tell,
 * everyone, to be safe), who did not mute the conversation and did not turn that kind's push off.
 */
@Component
class PushPolicy {

    private final Presence presence;
    private final PushSettingsRepository settings;

    PushPolicy(Presence presence, PushSettingsRepository settings) {
        this.presence = presence;
        this.settings = settings;
    }

    List<UUID> recipients(NotificationKind kind, UUID conversationId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        List<UUID> offline = presence.withoutSocket(userIds);
        if (offline.isEmpty()) {
            return List.of();
        }
        Set<UUID> muted = conversationId == null ? Set.of() : settings.muted(conversationId, offline);
        Set<UUID> off = settings.pushOff(kind, offline);
        return offline.stream().filter(user -> !muted.contains(user) && !off.contains(user)).toList();
    }
}
