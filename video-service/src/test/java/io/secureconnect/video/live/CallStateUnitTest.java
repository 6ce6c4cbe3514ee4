package io.secureconnect.video.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The call states as frames, the REST API, the history and Redis spell them. */
class CallStateUnitTest {

    @Test
    void framesShowTheStatesByTheirWireNames() {
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.writeValueAsString(Map.of("state", CallState.RINGING))).isEqualTo("{\"state\":\"ringing\"}");
        assertThat(json.writeValueAsString(Map.of("state", CallState.ACTIVE))).isEqualTo("{\"state\":\"active\"}");
    }

    @Test
    void everyStateIsReadBackFromItsWireName() {
        for (CallState state : CallState.values()) {
            assertThat(CallState.fromWire(state.wire())).isEqualTo(state);
        }
    }

    @Test
    void anEndedCallHasNoLiveState() {
        var meta = new LiveCall.CallMeta(UUID.randomUUID(), null, UUID.randomUUID(), "audio",
                Instant.now(), 2, Set.of());

        assertThatThrownBy(() -> new LiveCall(meta, CallState.ENDED, null, Set.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
