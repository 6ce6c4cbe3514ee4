package io.secureconnect.video.live;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a call is in its life. The transitions are the methods of {@link LiveCall}; both stores make exactly these
 * moves ({@link MemoryCallState} by calling them, {@link RedisCallState} in {@link CallScripts}), which
 * {@code CallStoreContractIntegrationTest} checks row by row:
 *
 * <pre>
 * from      transition                        to        refused (state unchanged)
 * -         create                            RINGING
 * RINGING   join, now 2 or more in            ACTIVE    Full: a new user past maxParticipants
 * RINGING   join, alone                       RINGING   Full
 * ACTIVE    join                              ACTIVE    Full
 * live      join again (same user)            same      never: the newer connection replaces the older
 * live      leave                             same      the connection is not the participant's current one
 * live      decline                           same
 * live      end                               ENDED
 * live      end only if empty                 ENDED     someone is in the call
 * ENDED     anything                          ENDED     always (NotLive)
 * </pre>
 *
 * An active call never rings again, not even when everyone left. An ended call has no live state (the stores drop
 * it); its history, state {@code ended}, is in PostgreSQL.
 */
public enum CallState {
    RINGING, ACTIVE, ENDED;

    /** The name frames, the REST API, the history and the Redis hash use. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The state after a join that leaves {@code participants} in the call. */
    CallState afterJoin(int participants) {
        return switch (this) {
            case RINGING -> participants >= LiveCall.PARTICIPANTS_TO_START ? ACTIVE : RINGING;
            case ACTIVE -> ACTIVE;
            case ENDED -> throw new IllegalStateException("an ended call cannot be joined");
        };
    }
}
