package io.secureconnect.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.testsupport.jwt.TestTokens;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A deployment that requires verified email addresses: unverified users read, but neither create nor send. */
@TestPropertySource(properties = "secureconnect.chat.require-verified-email=true")
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
        assertThat(send.code()).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("items")).hasSize(1);
    }
}
