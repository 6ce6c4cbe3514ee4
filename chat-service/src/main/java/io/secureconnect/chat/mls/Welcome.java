package io.secureconnect.chat.mls;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A Welcome waiting for one added device: the base64 {@code MLSMessage} that commit's sender made for it, and the
 * ratchet tree when the sender gave one (a device joins with both). {@code userId} is the device's owner.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Welcome(@Schema(example = "0193a5c4-5d6e-7f80-9a1b-2c3d4e5f6a7b") UUID welcomeId,
                      @Schema(example = "0193a5c2-6b1e-7d4a-8f3c-2e9b7a1d4c50") UUID conversationId,
                      @JsonIgnore UUID userId,
                      @Schema(example = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b") String deviceId,
                      @Schema(example = "8", description = "The epoch the device joins at") long epoch,
                      @Schema(example = "AAEAAwAB...", description = "Base64 `MLSMessage` Welcome") String welcome,
                      @Schema(description = "Base64 ratchet tree, when the commit's sender gave one")
                      String ratchetTree,
                      @Schema(example = "2026-12-07T18:42:10Z") Instant createdAt) {
}
