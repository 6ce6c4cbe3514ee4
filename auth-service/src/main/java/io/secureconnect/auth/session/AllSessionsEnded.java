package io.secureconnect.auth.session;

import java.util.UUID;

/**
 * Raised when every session of a user was ended (logout everywhere, a password reset or change, a ban): whoever
 * held the old credentials is out, and nothing mailed before may let them back in.
 */
public record AllSessionsEnded(UUID userId) {
}
