package io.secureconnect.common.peer.auth;

import jakarta.validation.constraints.NotNull;

/** Whether a block stands between two users, either way. Boxed so that a missing member is refused, not "false". */
public record BlockAnswer(@NotNull Boolean blocked) {
}
