package io.secureconnect.chat.mls;

/**
 * A device's commit to its conversation's group: base64 {@code MLSMessage}s as the client made them. {@code welcome}
 * is required when the commit adds devices (and refused otherwise); {@code ratchetTree} goes to the added devices
 * with it, unread.
 */
record CommitCommand(String deviceId, String commit, String welcome, String ratchetTree) {
}
