package io.secureconnect.chat.presence;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Presence", description = "Who is online, away or offline (and since when), among the people the caller "
        + "shares a conversation with; changes also arrive live on `/ws/chat` as `presence` frames.")
class PresenceController {

    private final Presence presence;

    PresenceController(Presence presence) {
        this.presence = presence;
    }

    /** The statuses the caller may see, in the order asked. */
    record PresenceList(List<Presence.Status> items) {
    }

    @Operation(operationId = "getPresence", summary = "The online status of some users",
            description = "Up to 200 users. Only the caller and users who share a conversation with the caller, with "
                    + "no block either way, are in the answer; anyone else is left out, as if unknown.")
    @ApiErrors("PEER_UNAVAILABLE")
    @GetMapping("/api/v1/presence")
    PresenceList status(@Parameter(description = "The users asked about, 1 to 200 (`userIds=a,b` or the parameter "
                                           + "repeated)",
                                   example = "[\"0193a4f0-5b6c-7d8e-9fa0-b1c2d3e4f506\", "
                                           + "\"0193a4f1-0a1b-7c2d-8e3f-4a5b6c7d8e9f\"]")
                        @RequestParam @NotNull @Size(min = 1, max = 200) List<UUID> userIds,
                        Caller caller) {
        return new PresenceList(presence.statusShownTo(caller, userIds));
    }

    @Schema(name = "PresenceSettings")
    record PresenceSettingsBody(@Schema(example = "false",
            description = "Whether the caller's last-seen time is shown to those who may see their presence")
                                @NotNull Boolean showLastSeen) {
    }

    /** Whether the caller's last-seen time is shown to the people who may see their presence (shown by default). */
    @Operation(operationId = "getPresenceSettings", summary = "Whether your last-seen time is shown",
            description = "Shown by default.")
    @ApiErrors({})
    @GetMapping("/api/v1/presence/settings")
    PresenceSettingsBody settings(Caller caller) {
        return new PresenceSettingsBody(presence.showsLastSeen(caller.userId()));
    }

    @Operation(operationId = "setPresenceSettings", summary = "Show or hide your last-seen time",
            description = "Hidden, others see only online, away or offline, and no last-seen time is recorded.")
    @ApiErrors({})
    @PutMapping("/api/v1/presence/settings")
    PresenceSettingsBody changeSettings(@Valid @RequestBody PresenceSettingsBody body, Caller caller) {
        presence.showLastSeen(caller.userId(), body.showLastSeen());
        return body;
    }
}
