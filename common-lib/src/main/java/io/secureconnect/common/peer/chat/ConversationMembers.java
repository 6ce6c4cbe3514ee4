package io.secureconnect.common.peer.chat;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Everyone in a conversation. */
public record ConversationMembers(@NotNull List<@NotNull @Valid ConversationMember> members) {
}
