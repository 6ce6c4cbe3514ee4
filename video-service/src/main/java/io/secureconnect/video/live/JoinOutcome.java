package io.secureconnect.video.live;

/** What an attempt to join a call's live state came to. */
public sealed interface JoinOutcome {

    /** In the call; {@code replaced} is the same user's older connection, now displaced, or null. */
    record Joined(LiveCall call, Participant replaced) implements JoinOutcome {
    }

    /** The call already has its maximum number of participants. */
    record Full(int maxParticipants) implements JoinOutcome {
    }

    /** No live state: the call never existed, ended, or expired. */
    record NotLive() implements JoinOutcome {
    }
}
