package io.secureconnect.video.signaling;

import io.secureconnect.common.websocket.CloseCodes;
import io.secureconnect.video.call.CallDeclined;
import io.secureconnect.video.call.CallEnded;
import io.secureconnect.video.call.ParticipantsChanged;
import io.secureconnect.video.recovery.OpenConnections;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Turns what a call raises into frames for its participants' sockets, on every instance, as it happens; and tells
 * call recovery which sockets are open here.
 */
@Configuration(proxyBeanMethods = false)
class CallEventFrames {

    private final SignalRelay relay;
    private final Frames frames;

    CallEventFrames(SignalRelay relay, Frames frames) {
        this.relay = relay;
        this.frames = frames;
    }

    @EventListener
    void on(CallDeclined declined) {
        relay.toCall(declined.callId(), frames.declined(declined.callId(), declined.userId()), 0);
    }

    @EventListener
    void on(ParticipantsChanged changed) {
        relay.toCall(changed.call().id(), frames.participants(changed.call()), 0);
    }

    /** {@code ended}, then every socket of the call closes with 4410. */
    @EventListener
    void on(CallEnded ended) {
        relay.toCall(ended.callId(), frames.ended(ended.callId(), ended.reason()), CloseCodes.CALL_ENDED);
    }

    @Bean
    static OpenConnections openConnections(LocalConnections local) {
        return local::serves;
    }
}
