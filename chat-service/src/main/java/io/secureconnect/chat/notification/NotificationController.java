package io.secureconnect.chat.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.paging.Cursor;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notification inbox, push preferences and conversation mutes (docs/push.md). */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    private static final int MAX_LIMIT = 100;

    private final Notifications notifications;
    private final PushSettings settings;

    NotificationController(Notifications notifications, PushSettings settings) {
        this.notifications = notifications;
        this.settings = settings;
    }

    @GetMapping
    Notifications.Inbox page(@RequestParam(required = false) String cursor,
                             @RequestParam(defaultValue = "50") int limit,
                             @RequestParam(defaultValue = "false") boolean unread,
                             Caller caller) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "limit must be 1 to " + MAX_LIMIT + ".");
        }
        Cursor after = Cursor.decode(cursor, 1, CommonErrorCode.VALIDATION_FAILED);
        return notifications.page(caller, after == null ? null : after.id(0), unread, limit);
    }

    @GetMapping("/unread-count")
    Map<String, Long> unreadCount(Caller caller) {
        return Map.of("unreadCount", notifications.unreadCount(caller));
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@PathVariable UUID id, Caller caller) {
        notifications.markRead(caller, id);
    }

    @PostMapping("/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markAllRead(Caller caller) {
        notifications.markAllRead(caller);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        notifications.delete(caller, id);
    }

    record Preferences(Map<String, Boolean> push) {
    }

    @GetMapping("/preferences")
    Preferences preferences(Caller caller) {
        return new Preferences(settings.preferences(caller));
    }

    @PutMapping("/preferences")
    Preferences setPreferences(@RequestBody Preferences request, Caller caller) {
        return new Preferences(settings.setPreferences(caller, request.push()));
    }

    record MuteRequest(Instant until) {
    }

    @GetMapping("/mutes")
    Map<String, List<PushSettingsRepository.Mute>> mutes(Caller caller) {
        return Map.of("items", settings.mutes(caller));
    }

    @PutMapping("/mutes/{conversationId}")
    PushSettingsRepository.Mute mute(@PathVariable UUID conversationId, @RequestBody(required = false) MuteRequest request,
                                     Caller caller) {
        return settings.mute(caller, conversationId, request == null ? null : request.until());
    }

    @DeleteMapping("/mutes/{conversationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unmute(@PathVariable UUID conversationId, Caller caller) {
        settings.unmute(caller, conversationId);
    }
}
