package io.secureconnect.chat.message;

import java.time.Instant;

/** An earlier version of an edited message, and when it was replaced. */
public record EarlierVersion(String body, Instant replacedAt) {
}
