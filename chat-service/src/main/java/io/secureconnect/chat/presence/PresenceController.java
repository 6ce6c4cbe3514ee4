package io.secureconnect.chat.presence;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/presence?userIds=a,b}: the current status of up to 200 users. */
@RestController
@Validated
class PresenceController {

    private final Presence presence;

    PresenceController(Presence presence) {
        this.presence = presence;
    }

    @GetMapping("/api/v1/presence")
    Map<String, List<Presence.Status>> status(@RequestParam @NotEmpty @Size(max = 200) List<UUID> userIds) {
        return Map.of("items", presence.statusOf(userIds.stream().distinct().toList()));
    }
}
