package io.secureconnect.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.websocket.ErrorFrame;
import io.secureconnect.common.websocket.FrameTypes;
import io.secureconnect.common.websocket.Inbound;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ClientFramesUnitTest {

    private final FrameTypes types = new FrameTypes(JsonMapper.builder().build(), ClientFrames.TYPES, ClientFrames.PROTOCOL);
    private final UUID conversation = UUID.randomUUID();

    @Test
    void aSendFrameIsReadWithItsClientIdAsItsName() {
        Inbound read = types.read("{\"type\":\"send\",\"conversationId\":\"" + conversation
                + "\",\"clientId\":\"c-1\",\"body\":\"hi\"}");

        assertThat(read).isEqualTo(new Inbound.Frame(
                new ClientFrames.Send(conversation, "c-1", null, "hi", null, List.of()), "c-1"));
    }

    @Test
    void aMissingOrIllFormedMemberIsAValidationErrorNamingTheFrameAndTheMember() {
        assertThat(refusal("{\"type\":\"edit\",\"ref\":\"e-1\",\"messageId\":\"" + UUID.randomUUID() + "\"}"))
                .isEqualTo(ErrorFrame.of("VALIDATION_FAILED", "conversationId is required.", "e-1"));
        assertThat(refusal("{\"type\":\"read\",\"conversationId\":\"" + conversation + "\",\"seq\":-1}"))
                .isEqualTo(ErrorFrame.of("VALIDATION_FAILED", "seq must be a sequence number.", null));
        assertThat(refusal("{\"type\":\"send\",\"clientId\":\"s-1\",\"conversationId\":\"not-a-uuid\"}"))
                .isEqualTo(ErrorFrame.of("VALIDATION_FAILED", "conversationId has the wrong form.", "s-1"));
        assertThat(refusal("{\"type\":\"send\",\"clientId\":\"s-2\",\"conversationId\":\"" + conversation
                + "\",\"attachments\":[null]}"))
                .isEqualTo(ErrorFrame.of("VALIDATION_FAILED", "attachments must be UUIDs.", "s-2"));
    }

    @Test
    void syncKeepsTheConversationsInTheOrderGivenAndOptionalMembersTakeTheirDefaults() {
        UUID other = UUID.randomUUID();
        var sync = (ClientFrames.Sync) frame("{\"type\":\"sync\",\"after\":{\"" + other + "\":4,\"" + conversation + "\":null}}");
        var typing = (ClientFrames.Typing) frame("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}");
        var read = (ClientFrames.Read) frame("{\"type\":\"read\",\"conversationId\":\"" + conversation + "\",\"seq\":7}");

        assertThat(sync.after().keySet()).containsExactly(other, conversation);
        assertThat(typing.typing()).isTrue();
        assertThat(read.deliveredSeq()).isEqualTo(7);
        assertThat(((ClientFrames.Sync) frame("{\"type\":\"sync\"}")).after()).isEqualTo(Map.of());
    }

    @Test
    void aReactionIsReadWithItsEmoji() {
        UUID message = UUID.randomUUID();

        assertThat(frame("{\"type\":\"react\",\"conversationId\":\"" + conversation + "\",\"messageId\":\"" + message
                + "\",\"emoji\":\"\uD83C\uDF89\"}"))
                .isEqualTo(new ClientFrames.React(conversation, message, "\uD83C\uDF89", false));
        assertThat(((ClientFrames.React) frame("{\"type\":\"react\",\"conversationId\":\"" + conversation
                + "\",\"messageId\":\"" + message + "\",\"emoji\":\"x\",\"remove\":true}")).remove()).isTrue();
    }

    private ErrorFrame refusal(String payload) {
        return ((Inbound.Refused) types.read(payload)).error();
    }

    private Object frame(String payload) {
        return ((Inbound.Frame) types.read(payload)).frame();
    }
}
