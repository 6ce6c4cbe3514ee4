package io.secureconnect.video.call;

import io.secureconnect.video.live.LiveCall;

/** Someone left the call (or was dropped): the call as it is now, for its remaining participants. */
public record ParticipantsChanged(LiveCall call) {
}
