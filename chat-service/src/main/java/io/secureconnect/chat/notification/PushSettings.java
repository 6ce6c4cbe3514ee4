package io.secureconnect.chat.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's say over pushes: which kinds are pushed (the rest only show in the inbox), and which conversations are
 * muted until when. Muting without a time mutes until the caller unmutes (stored as the year 9999).
 */
@Service
class PushSettings {

    static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");

    private final PushSettingsRepository settings;
    private final ConversationAccess access;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PushSettings(PushSettingsRepository settings, ConversationAccess access, TransactionTemplate transaction, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.access = access;
        this.transaction = transaction;
    }

    Map<String, Boolean> preferences(Caller caller) {
        Map<String, Boolean> push = new LinkedHashMap<>();
        settings.preferences(caller.userId()).forEach((kind, on) -> push.put(kind.wire(), on));
        return push;
    }

    /** Changes the kinds named, leaves the others; an unknown kind refuses the whole change. */
    Map<String, Boolean> setPreferences(Caller caller, Map<String, Boolean> push) {
        if (push == null || push.isEmpty()) {
            throw invalid("push is required: an object of kind → true/false.");
        }
        Map<NotificationKind, Boolean> changes = new LinkedHashMap<>();
        push.forEach((name, on) -> {
            NotificationKind kind = NotificationKind.fromWire(name);
            if (kind == null || on == null) {
                throw invalid("Unknown kind or missing value: " + name + ". Kinds: message, mention, reply, "
                        + "missed_call, friend_request, poll_result.");
            }
            changes.put(kind, on);
        });
        transaction.executeWithoutResult(status ->
                changes.forEach((kind, on) -> settings.setPreference(caller.userId(), kind, on)));
        return preferences(caller);
    }

    PushSettingsRepository.Mute mute(Caller caller, UUID conversationId, Instant until) {
        access.requireMember(caller, conversationId, "chat.conversation.mute");
        Instant end = until == null ? FOREVER : until.truncatedTo(ChronoUnit.MILLIS);
        if (!end.isAfter(clock.instant())) {
            throw invalid("until must be in the future (or left out to mute until unmuted).");
        }
        settings.mute(caller.userId(), conversationId, end);
        return new PushSettingsRepository.Mute(conversationId, end);
    }

    void unmute(Caller caller, UUID conversationId) {
        access.requireMember(caller, conversationId, "chat.conversation.unmute");
        settings.unmute(caller.userId(), conversationId);
    }

    List<PushSettingsRepository.Mute> mutes(Caller caller) {
        return settings.mutes(caller.userId());
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonErrorCode.VALIDATION_FAILED, detail);
    }
}
