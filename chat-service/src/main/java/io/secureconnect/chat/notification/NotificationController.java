package io.secureconnect.chat.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
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
    Notifications.Page page(@RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "50") int limit,
                            @RequestParam(defaultValue = "false") boolean unread,
                            @AuthenticationPrincipal Jwt token) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "limit must be 1 to " + MAX_LIMIT + ".");
        }
        return notifications.page(Caller.of(token), cursor(cursor), unread, limit);
    }

    @GetMapping("/unread-count")
    Map<String, Long> unreadCount(@AuthenticationPrincipal Jwt token) {
        return Map.of("unreadCount", notifications.unreadCount(Caller.of(token)));
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        notifications.markRead(Caller.of(token), id);
    }

    @PostMapping("/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markAllRead(@AuthenticationPrincipal Jwt token) {
        notifications.markAllRead(Caller.of(token));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        notifications.delete(Caller.of(token), id);
    }

    record Preferences(Map<String, Boolean> push) {
    }

    @GetMapping("/preferences")
    Preferences preferences(@AuthenticationPrincipal Jwt token) {
        return new Preferences(settings.preferences(Caller.of(token)));
    }

    @PutMapping("/preferences")
    Preferences setPreferences(@RequestBody Preferences request, @AuthenticationPrincipal Jwt token) {
        return new Preferences(settings.setPreferences(Caller.of(token), request.push()));
    }

    record MuteRequest(Instant until) {
    }

    @GetMapping("/mutes")
    Map<String, List<PushSettingsRepository.Mute>> mutes(@AuthenticationPrincipal Jwt token) {
        return Map.of("items", settings.mutes(Caller.of(token)));
    }

    @PutMapping("/mutes/{conversationId}")
    PushSettingsRepository.Mute mute(@PathVariable UUID conversationId, @RequestBody(required = false) MuteRequest request,
                                     @AuthenticationPrincipal Jwt token) {
        return settings.mute(Caller.of(token), conversationId, request == null ? null : request.until());
    }

    @DeleteMapping("/mutes/{conversationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unmute(@PathVariable UUID conversationId, @AuthenticationPrincipal Jwt token) {
        settings.unmute(Caller.of(token), conversationId);
    }

    private static UUID cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "cursor is not one this API gave out.");
        }
    }
}
