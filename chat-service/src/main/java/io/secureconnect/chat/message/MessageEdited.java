package io.secureconnect.chat.message;

/** A message's new version, for every member of its conversation once committed. */
public record MessageEdited(Message message) {
}
