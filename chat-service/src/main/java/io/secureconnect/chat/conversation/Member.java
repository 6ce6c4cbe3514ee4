package io.secureconnect.chat.conversation;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A member as clients see it. */
public record Member(@Schema(example = "0193a5b8-2d3e-7f40-8b5c-6d7e8f9a0b12") UUID userId,
                     @Schema(example = "admin") Role role) {
}
