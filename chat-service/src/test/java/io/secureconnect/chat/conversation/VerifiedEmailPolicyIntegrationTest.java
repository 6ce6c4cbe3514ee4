package io.secureconnect.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;

/**
 * S9, with chat-service's default settings: whoever has not verified their email address (anyone can register
 * someone else's) reads what they are in, but neither creates, sends nor reacts, over REST or the socket.
 */
class VerifiedEmailPolicyIntegrationTest extends ChatIntegrationTest {

    @Test
    void anUnverifiedUserMayReadButNotCreateOrSend() {
        ChatApi verified = user();
        UUID unverifiedId = UUID.randomUUID();
        ChatApi unverified = new ChatApi(port, unverifiedId, TestTokens.forUser(unverifiedId).emailVerified(false).mint());
        UUID group = verified.createGroup("Readers", unverifiedId);
        verified.sendText(group, "hello", "welcome");

        var create = unverified.post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(verified.userId())));
        var send = unverified.sendText(group, "nope", "let me in");
        var read = unverified.get("/api/v1/conversations/" + group + "/messages");

        assertThat(create.status()).isEqualTo(403);
        assertThat(create.code()).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(send.status()).isEqualTo(403);
        assertThat(send.code()).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("items")).hasSize(1);
    }

    @Test
    void anUnverifiedUsersSocketSendIsAnsweredWithAnErrorFrame() {
        // given an unverified member of a group, connected (connect waits for the ready frame)
        ChatApi verified = user();
        UUID unverifiedId = UUID.randomUUID();
        ChatApi unverified = new ChatApi(port, unverifiedId, TestTokens.forUser(unverifiedId).emailVerified(false).mint());
        UUID group = verified.createGroup("Listeners", unverifiedId);
        try (TestSocket socket = ChatSockets.connect(unverified)) {

            // when they send on the socket
            socket.send(Map.of("type", "send", "conversationId", group.toString(), "clientId", "s-1", "body", "psst"));

            // then the answer is an error frame with the stable code, and nothing was stored
            var error = socket.next("error");
            assertThat(error.path("code").asString()).isEqualTo("EMAIL_NOT_VERIFIED");
        }
        assertThat(verified.get("/api/v1/conversations/" + group + "/messages").body().path("items")).isEmpty();
    }
}
