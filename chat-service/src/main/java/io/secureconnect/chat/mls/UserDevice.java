package io.secureconnect.chat.mls;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A device of a user: an MLS client, one leaf of each group it is in. */
public record UserDevice(@Schema(example = "0193a5b8-2d3e-7f40-8b5c-6d7e8f9a0b12") UUID userId,
                         @Schema(example = "3c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f") String deviceId) {
}
