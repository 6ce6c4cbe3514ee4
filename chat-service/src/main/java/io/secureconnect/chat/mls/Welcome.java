package io.secureconnect.chat.mls;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Welcome waiting for one added device: the base64 {@code MLSMessage} that commit's sender made for it, and the
 * ratchet tree when the sender gave one (a device joins with both). {@code userId} is the device's owner.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Welcome(UUID welcomeId, UUID conversationId, @JsonIgnore UUID userId, String deviceId, long epoch,
                      String welcome, String ratchetTree, Instant createdAt) {
}
