package io.secureconnect.video.live;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle log of calls: one line per event (initiated, ringing, accepted, declined, missed, push needed,
 * participant joined/left/dropped, recovered, ended), each with {@code call_id} and {@code call_event} fields so a
 * Loki query follows one call from start to end.
 */
public final class CallLog {

    private static final Logger log = LoggerFactory.getLogger("io.secureconnect.video.lifecycle");

    private CallLog() {
    }

    public static void event(UUID callId, String event, String detail, Object... args) {
        log.info("Call {} {}: " + detail, withCall(callId, event, args));
    }

    public static void warn(UUID callId, String event, String detail, Object... args) {
        log.warn("Call {} {}: " + detail, withCall(callId, event, args));
    }

    private static Object[] withCall(UUID callId, String event, Object[] args) {
        Object[] all = new Object[args.length + 2];
        all[0] = kv("call_id", callId);
        all[1] = kv("call_event", event);
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }
}
