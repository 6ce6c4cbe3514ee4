package io.secureconnect.chat.poll;

/** A poll's live tally (without anyone's own choices) after a vote or its closing, for its conversation's members. */
public record PollChanged(Poll poll) {
}
