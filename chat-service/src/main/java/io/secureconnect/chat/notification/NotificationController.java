package io.secureconnect.chat.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.paging.Cursor;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Notifications", description = "The caller's notification inbox (mentions, replies, missed calls, friend "
        + "requests, poll results), which kinds are pushed to their devices, and which conversations are muted. "
        + "New items also arrive live on `/ws/chat` as `notification` frames.")
class NotificationController {

    private static final int MAX_LIMIT = 100;

    private final Notifications notifications;
    private final PushSettings settings;

    NotificationController(Notifications notifications, PushSettings settings) {
        this.notifications = notifications;
        this.settings = settings;
    }

    @Operation(operationId = "listNotifications", summary = "List your notifications",
            description = "Newest first, a page at a time, with the unread count for the badge.")
    @ApiErrors({})
    @GetMapping
    Notifications.Inbox page(@Parameter(description = "The `nextCursor` of the previous page")
                             @RequestParam(required = false) String cursor,
                             @Parameter(description = "Items per page, 1 to 100")
                             @RequestParam(defaultValue = "50") int limit,
                             @Parameter(description = "Only unread items")
                             @RequestParam(defaultValue = "false") boolean unread,
                             Caller caller) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "limit must be 1 to " + MAX_LIMIT + ".");
        }
        Cursor after = Cursor.decode(cursor, 1, CommonErrorCode.VALIDATION_FAILED);
        return notifications.page(caller, after == null ? null : after.id(0), unread, limit);
    }

    record UnreadCount(@Schema(example = "3") long unreadCount) {
    }

    @Operation(operationId = "getUnreadNotificationCount", summary = "Count your unread notifications")
    @ApiErrors({})
    @GetMapping("/unread-count")
    UnreadCount unreadCount(Caller caller) {
        return new UnreadCount(notifications.unreadCount(caller));
    }

    @Operation(operationId = "markNotificationRead", summary = "Mark a notification read")
    @ApiErrors("NOTIFICATION_NOT_FOUND")
    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@PathVariable UUID id, Caller caller) {
        notifications.markRead(caller, id);
    }

    @Operation(operationId = "markAllNotificationsRead", summary = "Mark all your notifications read")
    @ApiErrors({})
    @PostMapping("/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markAllRead(Caller caller) {
        notifications.markAllRead(caller);
    }

    @Operation(operationId = "deleteNotification", summary = "Delete a notification")
    @ApiErrors("NOTIFICATION_NOT_FOUND")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        notifications.delete(caller, id);
    }

    record PushPreferences(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "{\"message\": true, \"mention\": true, \"reply\": true, \"missed_call\": true, "
                            + "\"friend_request\": false, \"poll_result\": true}",
                    description = "Kind (`message`, `mention`, `reply`, `missed_call`, `friend_request`, "
                            + "`poll_result`) → whether it is pushed")
            Map<String, Boolean> push) {
    }

    @Operation(operationId = "getPushPreferences", summary = "Which notification kinds are pushed to you",
            description = "Every kind is pushed by default; a kind that is not only shows in the inbox.")
    @ApiErrors({})
    @GetMapping("/preferences")
    PushPreferences preferences(Caller caller) {
        return new PushPreferences(settings.preferences(caller));
    }

    @Operation(operationId = "setPushPreferences", summary = "Choose which notification kinds are pushed to you",
            description = "Changes the kinds named and leaves the others; an unknown kind refuses the whole change. "
                    + "Answers the full preferences.")
    @ApiErrors({})
    @PutMapping("/preferences")
    PushPreferences setPreferences(@RequestBody PushPreferences request, Caller caller) {
        return new PushPreferences(settings.setPreferences(caller, request.push()));
    }

    record MuteRequest(@Schema(example = "2026-12-08T08:00:00Z",
            description = "When the mute ends, in the future; left out, the conversation stays muted until unmuted")
                       Instant until) {
    }

    record MuteList(List<PushSettingsRepository.Mute> items) {
    }

    @Operation(operationId = "listConversationMutes", summary = "List your muted conversations",
            description = "Only mutes that have not run out.")
    @ApiErrors({})
    @GetMapping("/mutes")
    MuteList mutes(Caller caller) {
        return new MuteList(settings.mutes(caller));
    }

    @Operation(operationId = "muteConversation", summary = "Mute a conversation's pushes",
            description = "Members only. Its notifications are still kept in the inbox, just not pushed. Without "
                    + "`until` (or without a body) it stays muted until unmuted (`9999-12-31T00:00:00Z`).")
    @ApiErrors("CONVERSATION_NOT_FOUND")
    @PutMapping("/mutes/{conversationId}")
    PushSettingsRepository.Mute mute(@PathVariable UUID conversationId, @RequestBody(required = false) MuteRequest request,
                                     Caller caller) {
        return settings.mute(caller, conversationId, request == null ? null : request.until());
    }

    @Operation(operationId = "unmuteConversation", summary = "Unmute a conversation")
    @ApiErrors("CONVERSATION_NOT_FOUND")
    @DeleteMapping("/mutes/{conversationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unmute(@PathVariable UUID conversationId, Caller caller) {
        settings.unmute(caller, conversationId);
    }
}
