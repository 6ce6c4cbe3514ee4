package io.secureconnect.chat.mls;

import static io.secureconnect.chat.mls.GroupDevices.e2eeConversation;
import static io.secureconnect.chat.mls.GroupDevices.post;
import static io.secureconnect.chat.mls.GroupDevices.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.secureconnect.chat.mls.GroupDevices.Device;
import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.mls.MlsTestClient;
import io.secureconnect.testsupport.mls.MlsTestClient.CommitResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Delivery Service refuses, and how: blobs that are not the MLS message expected are a 400 problem (never
 * a 5xx), a non-member learns nothing, and a group's history is not rewritten (no edits of its ciphertext, no
 * deletes of its commits).
 */
class MlsRefusalsIntegrationTest extends ChatIntegrationTest {

    @RegisterExtension
    static final MlsTestClient mls = MlsTestClient.perTestClass();
    private static final GroupDevices devices = new GroupDevices(mls);

    @Test
    void commitsThatAreNotAPublicCommitOfThisGroupAreRefusedAs400ProblemsNeverAs5xx() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = e2eeConversation(ann, bob);
        UUID otherChat = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        Device bobsPhone = devices.register(bob, "phone");
        devices.createGroup(annsLaptop, chat);
        devices.createGroup(annsLaptop, otherChat);
        String bobsPackage = devices.claim(annsLaptop, chat, bobsPhone);
        CommitResult valid = devices.commit(annsLaptop, chat, List.of(bobsPackage), List.of());
        CommitResult forAnotherGroup = devices.commit(annsLaptop, otherChat, List.of(), List.of());
        byte[] commit = Base64.getDecoder().decode(valid.commit());
        byte[] random = new byte[300];
        new Random(21).nextBytes(random);

        Map<String, String> blobs = Map.of(
                "random bytes", base64(random),
                "truncated commit", base64(Arrays.copyOf(commit, commit.length / 2)),
                "commit with a byte too many", base64(Arrays.copyOf(commit, commit.length + 1)),
                "a KeyPackage", bobsPackage,
                "a Welcome", valid.welcome(),
                "a commit for another group", forAnotherGroup.commit(),
                "an application message", devices.encrypt(annsLaptop, otherChat, "hi"),
                "not base64", "%%% not base64 %%%",
                "empty", "");

        blobs.forEach((what, blob) -> {
            var refused = ann.post("/api/v1/conversations/" + chat + "/mls/commits",
                    Map.of("deviceId", "laptop", "commit", blob));
            assertThat(refused.status()).as(what).isEqualTo(400);
            assertThat(refused.code()).as(what).isEqualTo("INVALID_MLS_MESSAGE");
            assertThat(refused.raw().headers().firstValue("Content-Type")).as(what)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        });
        var badWelcome = ann.post("/api/v1/conversations/" + chat + "/mls/commits", Map.of("deviceId", "laptop",
                "commit", valid.commit(), "welcome", base64(random), "ratchetTree", valid.ratchetTree()));
        assertThat(badWelcome.code()).isEqualTo("INVALID_MLS_MESSAGE");
        assertThat(post(annsLaptop, chat, valid).status()).as("the valid commit, after all").isEqualTo(201);
    }

    @Test
    void applicationMessagesMustBePrivateApplicationMessagesOfTheGroup() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = e2eeConversation(ann, bob);
        UUID otherChat = e2eeConversation(ann, bob);
        UUID noGroupYet = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        devices.groupOf(chat, annsLaptop);
        devices.groupOf(otherChat, annsLaptop);
        devices.createGroup(annsLaptop, noGroupYet); // made in the client, never committed

        var garbage = send(annsLaptop, chat, "m-1", base64("ciphertext, supposedly".getBytes()));
        var otherGroup = send(annsLaptop, chat, "m-2", devices.encrypt(annsLaptop, otherChat, "wrong group"));
        var ownCommit = send(annsLaptop, chat, "m-3", devices.commit(annsLaptop, chat, List.of(), List.of()).commit());
        var aheadOfTheGroup = send(annsLaptop, chat, "m-6", devices.encrypt(annsLaptop, chat, "from an epoch to come"));
        devices.discardCommit(annsLaptop, chat);
        devices.commit(annsLaptop, noGroupYet, List.of(), List.of()); // epoch 1 in the client only
        var beforeAnyCommit = send(annsLaptop, noGroupYet, "m-7", devices.encrypt(annsLaptop, noGroupYet, "too soon"));
        String overTheSocket;
        try (var socket = ChatSockets.connect(ann)) {
            socket.send(Map.of("type", "send", "conversationId", chat, "clientId", "m-4", "messageType", "e2ee",
                    "body", "bm90IE1MUw=="));
            overTheSocket = socket.next("error").path("code").asString();
        }
        var fine = send(annsLaptop, chat, "m-5", devices.encrypt(annsLaptop, chat, "fine"));

        assertThat(List.of(garbage, otherGroup, ownCommit, aheadOfTheGroup, beforeAnyCommit)).allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_MLS_MESSAGE");
        });
        assertThat(overTheSocket).isEqualTo("INVALID_MLS_MESSAGE");
        assertThat(fine.status()).isEqualTo(201);
    }

    /** A non-member is answered as for a conversation that does not exist, as everywhere in chat. */
    @Test
    void aNonMemberCannotSendCommitOrReadTheGroup() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi mallory = user();
        UUID chat = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        Device mallorysLaptop = devices.register(mallory, "laptop");
        devices.groupOf(chat, annsLaptop);
        String ciphertext = devices.encrypt(annsLaptop, chat, "members only");
        devices.createGroup(mallorysLaptop, chat);

        var message = send(mallorysLaptop, chat, "m-1", ciphertext);
        var commit = post(mallorysLaptop, chat, devices.commit(mallorysLaptop, chat, List.of(), List.of()));
        var group = mallory.get("/api/v1/conversations/" + chat + "/mls");

        assertThat(List.of(message, commit, group)).allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        });
        assertThat(ann.history(chat)).extracting(m -> m.path("type").asString()).containsExactly("mls_commit");
    }

    @Test
    void aCommitNeedsAnE2eeConversationAndADeviceOfTheCaller() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID plain = ann.createGroup("Plain", bob.userId());
        UUID chat = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        devices.register(bob, "phone");
        devices.createGroup(annsLaptop, chat);
        CommitResult commit = devices.commit(annsLaptop, chat, List.of(), List.of());

        var notE2ee = ann.post("/api/v1/conversations/" + plain + "/mls/commits",
                Map.of("deviceId", "laptop", "commit", commit.commit()));
        var someoneElsesDevice = ann.post("/api/v1/conversations/" + chat + "/mls/commits",
                Map.of("deviceId", "phone", "commit", commit.commit()));
        var bobPostsAnnsCommit = bob.post("/api/v1/conversations/" + chat + "/mls/commits",
                Map.of("deviceId", "phone", "commit", commit.commit()));

        assertThat(notE2ee.code()).isEqualTo("NOT_E2EE");
        assertThat(someoneElsesDevice.code()).isEqualTo("DEVICE_NOT_FOUND");
        assertThat(bobPostsAnnsCommit.status()).as("bob's phone is not leaf 0").isEqualTo(422);
        assertThat(bobPostsAnnsCommit.code()).isEqualTo("MEMBERSHIP_MISMATCH");
        assertThat(ann.get("/api/v1/conversations/" + plain + "/mls").code()).isEqualTo("NOT_E2EE");
    }

    @Test
    void encryptedMessagesAreNotEditedNorReactedToOnTheServerAndCommitsAreNotDeleted() {
        ChatApi ann = user();
        UUID chat = e2eeConversation(ann, user());
        Device annsLaptop = devices.register(ann, "laptop");
        devices.groupOf(chat, annsLaptop);
        String messages = "/api/v1/conversations/" + chat + "/messages/";
        String commitId = ann.history(chat).getFirst().path("id").asString();
        String sentId = send(annsLaptop, chat, "m-1", devices.encrypt(annsLaptop, chat, "typo")).body().path("id")
                .asString();

        var edit = ann.patch(messages + sentId, Map.of("body", devices.encrypt(annsLaptop, chat, "fixed")));
        var deleteCommit = ann.delete(messages + commitId);
        var reactToCommit = ann.post(messages + commitId + "/reactions", Map.of("emoji", "👍"));
        var reactToMessage = ann.post(messages + sentId + "/reactions", Map.of("emoji", "👍"));
        var deleteMessage = ann.delete(messages + sentId);

        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.code()).isEqualTo("E2EE_NOT_SUPPORTED");
        assertThat(deleteCommit.code()).isEqualTo("E2EE_NOT_SUPPORTED");
        assertThat(reactToCommit.code()).isEqualTo("E2EE_NOT_SUPPORTED");
        assertThat(reactToMessage.code()).as("the emoji would be plaintext beside the ciphertext")
                .isEqualTo("E2EE_NOT_SUPPORTED");
        assertThat(deleteMessage.status()).as("the ciphertext may still be erased").isEqualTo(204);
        assertThat(ann.history(chat).getFirst().path("deleted").asBoolean()).isFalse();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
