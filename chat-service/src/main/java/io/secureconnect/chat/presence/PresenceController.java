package io.secureconnect.chat.presence;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/presence?userIds=a,b}: the current status of up to 200 users, for those the caller shares a
 * conversation with and neither has blocked (S6); anyone else is left out of the answer, as if unknown. Last-seen is
 * given to the minute ({@link Presence}), and not at all for users who hide it ({@code PUT /api/v1/presence/settings}).
 */
@RestController
@Validated
class PresenceController {

    private final Presence presence;

    PresenceController(Presence presence) {
        this.presence = presence;
    }

    @GetMapping("/api/v1/presence")
    Map<String, List<Presence.Status>> status(@RequestParam @NotEmpty @Size(max = 200) List<UUID> userIds,
                                              Caller caller) {
        return Map.of("items", presence.statusShownTo(caller, userIds));
    }

    record PresenceSettingsBody(@NotNull Boolean showLastSeen) {
    }

    /** Whether the caller's last-seen time is shown to the people who may see their presence (shown by default). */
    @GetMapping("/api/v1/presence/settings")
    PresenceSettingsBody settings(Caller caller) {
        return new PresenceSettingsBody(presence.showsLastSeen(caller.userId()));
    }

    @PutMapping("/api/v1/presence/settings")
    PresenceSettingsBody changeSettings(@Valid @RequestBody PresenceSettingsBody body, Caller caller) {
        presence.showLastSeen(caller.userId(), body.showLastSeen());
        return body;
    }
}
