package io.secureconnect.auth.user;

import java.util.UUID;

/** Raised when an account proves it holds its (normalised) email address, by the link mailed to it. */
public record EmailVerified(UUID userId, String email) {
}
