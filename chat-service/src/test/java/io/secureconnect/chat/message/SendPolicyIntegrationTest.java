package io.secureconnect.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.testsupport.jwt.TestTokens;

import org.junit.jupiter.api.Test;

/**
 * The rules of sending (SendPolicy), each as one sentence, and the order they answer in when a message breaks
 * several: membership, verified email, type, encryption, content, blocks, attachments.
 */
class SendPolicyIntegrationTest extends ChatIntegrationTest {

    @Test
    void aNonMemberIsToldTheConversationDoesNotExistAndTheAttemptIsAudited() {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());
        ChatApi eve = user();

        var refused = eve.sendText(chat, "e-1", "let me in");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(audit.denials("conversation:" + chat)).extracting(AuditEvent::action, AuditEvent::userId,
                AuditEvent::reason).containsExactly(tuple("chat.message.send",
                eve.userId().toString(), "not a member"));
    }

    @Test
    void aRetryOfAStoredMessageIsAnsweredWithoutTheRulesForNewMessages() {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());
        var first = ann.sendText(chat, "c-1", "while verified");
        ChatApi unverifiedAnn = new ChatApi(port, ann.userId(),
                TestTokens.forUser(ann.userId()).emailVerified(false).mint());

        var retried = unverifiedAnn.sendText(chat, "c-1", "while verified");
        var fresh = unverifiedAnn.sendText(chat, "c-2", "no longer verified");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("id").asString()).isEqualTo(first.body().path("id").asString());
        assertThat(fresh.status()).isEqualTo(403);
        assertThat(fresh.code()).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(ann.history(chat)).hasSize(1);
    }

    @Test
    void aMessageTypeAClientMayNotSendIsRefusedBeforeTheEncryptionRule() {
        ChatApi ann = user();
        UUID sealed = e2eeGroup(ann);

        var system = ann.post(messages(sealed), Map.of("clientId", "s-1", "type", "system", "body", "{}"));

        assertThat(system.status()).isEqualTo(400);
        assertThat(system.body().path("detail").asString()).isEqualTo("type must be text, attachment or e2ee.");
    }

    @Test
    void anEncryptedConversationRefusesPlaintextAndAPlainOneRefusesCiphertext() {
        ChatApi ann = user();
        UUID sealed = e2eeGroup(ann);
        UUID plain = ann.createGroup("Plain", user().userId());

        var plaintext = ann.sendText(sealed, "p-1", "readable");
        var bareFile = ann.post(messages(sealed), Map.of("clientId", "f-1", "type", "attachment",
                "attachments", List.of(UUID.randomUUID().toString())));
        var ciphertext = ann.post(messages(plain), Map.of("clientId", "c-1", "type", "e2ee", "body", "b64"));

        assertThat(plaintext.status()).isEqualTo(400);
        assertThat(plaintext.body().path("detail").asString()).contains("is end-to-end encrypted");
        assertThat(bareFile.status()).as("a file there travels as an e2ee message").isEqualTo(400);
        assertThat(bareFile.body().path("detail").asString()).contains("is end-to-end encrypted");
        assertThat(ciphertext.status()).isEqualTo(400);
        assertThat(ciphertext.body().path("detail").asString()).contains("is not end-to-end encrypted");
    }

    @Test
    void anInvalidMessageToABlockedUserIsAnsweredAsInvalidAndNoBlockIsAudited() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = bob.createDirect(ann.userId()); // bob asks: ann's own "not blocked" is not cached
        peers.block(bob.userId(), ann.userId());

        var blank = ann.sendText(chat, "b-1", " ");
        var denialsAfterBlank = audit.denials("conversation:" + chat);
        var valid = ann.sendText(chat, "b-2", "hello?");

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(denialsAfterBlank).isEmpty();
        assertThat(valid.code()).isEqualTo("USER_BLOCKED");
        assertThat(audit.denials("conversation:" + chat)).extracting(AuditEvent::reason).containsExactly("blocked");
    }

    @Test
    void aBlockIsAnsweredBeforeStorageIsAskedToShareTheAttachments() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = bob.createDirect(ann.userId()); // bob asks: ann's own "not blocked" is not cached
        UUID notHers = UUID.randomUUID();
        peers.fileOwnedBy(notHers, bob.userId());
        peers.block(ann.userId(), bob.userId());

        var refused = ann.post(messages(chat), Map.of("clientId", "f-1", "type", "attachment", "attachments",
                List.of(notHers)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).as("the block, not storage's refusal of a file she may not share")
                .isEqualTo("USER_BLOCKED");
    }

    private static UUID e2eeGroup(ChatApi owner) {
        var created = owner.post("/api/v1/conversations", Map.of("type", "group", "name", "Sealed", "e2ee", true,
                "memberIds", List.of(UUID.randomUUID())));
        return UUID.fromString(created.body().path("id").asString());
    }

    private static String messages(UUID conversationId) {
        return "/api/v1/conversations/" + conversationId + "/messages";
    }
}
