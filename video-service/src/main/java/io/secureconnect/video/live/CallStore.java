package io.secureconnect.video.live;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the live state of calls is kept. Each change is one transition of {@link LiveCall}, atomic per call; both
 * stores answer every transition alike, legal or refused ({@code CallStoreContractIntegrationTest}). A call that
 * ended or never existed answers {@link JoinOutcome.NotLive} or empty.
 */
interface CallStore {

    void create(LiveCall.CallMeta meta);

    Optional<LiveCall> find(UUID callId);

    JoinOutcome join(UUID callId, Participant participant, Instant now);

    /** The call afterwards, or empty when refused ({@link LiveCall#leave}) or not live. */
    Optional<LiveCall> leave(UUID callId, UUID userId, UUID connectionId);

    Optional<LiveCall> decline(UUID callId, UUID userId);

    /** Ends the call; the call as it was when it ended, or empty when refused ({@link LiveCall#mayEnd}) or not live. */
    Optional<LiveCall> remove(UUID callId, boolean onlyIfEmpty);
}
