package io.secureconnect.auth.contact;

import java.util.UUID;

/** {@code requester} asks {@code addressee} to become contacts. */
record RequestContact(UUID requester, UUID addressee) {
}
