package io.secureconnect.testsupport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** The frame check against the committed AsyncAPI descriptions: real frames pass, wrong ones are named. */
class AsyncApiFramesTest {

    private static final String USER = "0193a4f0-5b6c-7d8e-9fa0-b1c2d3e4f506";
    private static final String CONVERSATION = "0193a5b8-1c2d-7e3f-a4b5-c6d7e8f90a1b";
    private static final String CALL = "0193a5e0-1a2b-7c3d-8e4f-5a6b7c8d9e0f";

    private final AsyncApiFrames chat = AsyncApiFrames.load(AsyncApiFrameCheck.docs().resolve("chat-asyncapi.yaml"));
    private final AsyncApiFrames calls = AsyncApiFrames.load(AsyncApiFrameCheck.docs().resolve("calls-asyncapi.yaml"));

    @Test
    void eachDocumentDescribesTheServerFramesOfItsSocket() {
        assertThat(chat.address()).isEqualTo("/ws/chat");
        assertThat(chat.serverTypes()).contains("ready", "ack", "message", "message.edited", "message.deleted",
                "reaction", "receipt", "typing", "presence", "conversation.updated", "poll.updated", "notification",
                "notifications.unread", "keys.low", "keys.changed", "mls.welcome", "synced", "pong", "authenticated",
                "error", "call.incoming", "call.declined", "call.cancelled", "call.missed", "call.ended")
                .doesNotContain("send", "sync", "auth");
        assertThat(calls.address()).isEqualTo("/ws/calls");
        assertThat(calls.serverTypes()).containsExactlyInAnyOrder("ready", "participants", "signal", "state",
                "speaking", "declined", "ended", "authenticated", "pong", "error");
    }

    @Test
    void framesAsTheServicesWriteThemPass() {
        assertThat(chat.violations("{\"type\":\"ready\",\"userId\":\"" + USER + "\",\"connectionId\":\"a1b2\","
                + "\"heartbeatSeconds\":30,\"maxFrameBytes\":16384}")).isEmpty();
        assertThat(chat.violations("{\"type\":\"ack\",\"clientId\":\"c-1\",\"message\":{\"id\":\"" + USER
                + "\",\"conversationId\":\"" + CONVERSATION + "\",\"seq\":1,\"senderId\":\"" + USER + "\","
                + "\"clientId\":\"c-1\",\"type\":\"text\",\"body\":\"Hi\",\"attachments\":[],\"reactions\":[],"
                + "\"createdAt\":\"2026-12-07T20:15:00.123456Z\",\"deleted\":false}}")).isEmpty();
        assertThat(chat.violations("{\"type\":\"conversation.updated\",\"change\":\"deleted\",\"actorId\":\"" + USER
                + "\",\"conversation\":{\"id\":\"" + CONVERSATION + "\",\"deleted\":true}}")).isEmpty();
        // an ad hoc call has no conversation: video-service writes the member as null
        assertThat(chat.violations("{\"type\":\"call.incoming\",\"callId\":\"" + CALL + "\",\"conversationId\":null,"
                + "\"callerId\":\"" + USER + "\",\"media\":\"video\",\"createdAt\":\"2026-12-07T20:15:00Z\"}"))
                .isEmpty();
        assertThat(chat.violations("{\"type\":\"error\",\"code\":\"RATE_LIMITED\",\"detail\":\"Too many frames; "
                + "slow down.\",\"ref\":\"c-2\",\"retryAfterMs\":50}")).isEmpty();
        assertThat(calls.violations("{\"type\":\"signal\",\"from\":\"" + USER + "\",\"data\":{\"candidate\":null}}"))
                .isEmpty();
        assertThat(calls.violations("{\"type\":\"pong\"}")).isEmpty();
    }

    @Test
    void aMissingRequiredMemberIsNamed() {
        assertThat(chat.violations("{\"type\":\"ready\",\"userId\":\"" + USER + "\",\"connectionId\":\"a1b2\","
                + "\"heartbeatSeconds\":30}"))
                .singleElement().asString().contains("maxFrameBytes").contains("#/components/schemas/ReadyFrame");
        assertThat(calls.violations("{\"type\":\"ended\",\"callId\":\"" + CALL + "\"}"))
                .singleElement().asString().contains("reason");
    }

    @Test
    void anUnknownTypeAWrongValueAndAnUndescribedMemberAreViolations() {
        assertThat(chat.violations("{\"type\":\"message.exploded\"}"))
                .singleElement().asString().contains("unknown type \"message.exploded\"");
        assertThat(calls.violations("{\"type\":\"send\",\"conversationId\":\"" + CONVERSATION + "\"}"))
                .as("a chat frame on the calls socket").singleElement().asString().contains("unknown type");
        assertThat(chat.violations("{\"type\":\"error\",\"code\":\"NO_SUCH_CODE\",\"detail\":\"?\"}"))
                .singleElement().asString().contains("code");
        assertThat(chat.violations("{\"type\":\"pong\",\"ref\":\"r\",\"extra\":1}"))
                .singleElement().asString().contains("\"extra\" is not described");
        assertThat(calls.violations("{\"type\":\"state\",\"from\":\"" + USER + "\"}"))
                .as("a state frame says at least one of audio, video, screen").isNotEmpty();
        assertThat(chat.violations("[1,2]")).singleElement().asString().contains("not a JSON object");
        assertThat(chat.violations("pong")).singleElement().asString().startsWith("not JSON");
    }

    @Test
    void everyExampleInTheDescriptionsMatchesItsOwnSchema() {
        assertThat(chat.exampleViolations()).isEmpty();
        assertThat(calls.exampleViolations()).isEmpty();
    }

    @Test
    void theProcessWideCheckKeepsMismatchesOfDescribedSocketsOnly() {
        FrameCheck.checkAgainst(AsyncApiFrameCheck.docs());
        FrameCheck.takeMismatches();

        FrameCheck.received(URI.create("ws://127.0.0.1:1/ws/calls?callId=" + CALL), "{\"type\":\"pong\"}");
        FrameCheck.received(URI.create("ws://127.0.0.1:1/echo"), "not a frame at all");
        assertThat(FrameCheck.takeMismatches().isEmpty()).isTrue();

        FrameCheck.received(URI.create("ws://127.0.0.1:1/ws/chat"), "{\"type\":\"pong\",\"ref\":7}");
        FrameCheck.Mismatches mismatches = FrameCheck.takeMismatches();
        assertThat(mismatches.count()).isEqualTo(1);
        assertThat(mismatches.toString()).contains("/ws/chat frame {\"type\":\"pong\",\"ref\":7}", "ref");
        assertThat(FrameCheck.checkedByType()).containsKeys("/ws/calls pong", "/ws/chat pong");
    }
}
