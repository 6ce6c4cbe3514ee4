package io.secureconnect.chat.realtime.frames;

import io.secureconnect.chat.poll.Poll;
import io.secureconnect.common.websocket.ServerFrame;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A poll's live tally. */
@JsonTypeName("poll.updated")
public record PollUpdatedFrame(Poll poll) implements ServerFrame {
}
