package io.secureconnect.chat.realtime.frames;

import java.util.UUID;

import io.secureconnect.chat.conversation.ConversationUpdate;
import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** What changed in a conversation, who changed it, and the conversation now. */
@JsonTypeName("conversation.updated")
public record ConversationUpdatedFrame(String change, UUID actorId, ConversationUpdate conversation) implements ServerFrame {
}
