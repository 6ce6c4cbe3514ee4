package io.secureconnect.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.MlsCiphertext;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageIntegrationTest extends ChatIntegrationTest {

    @Test
    void aSentMessageHasTheContractShapeAndTheNextSequenceNumber() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());

        var first = ann.sendText(chat, "c-1", "hello Bob");
        var second = bob.sendText(chat, "c-1", "hi Ann");

        assertThat(first.status()).isEqualTo(201);
        JsonNode message = first.body();
        assertThat(message.path("conversationId").asString()).isEqualTo(chat.toString());
        assertThat(message.path("senderId").asString()).isEqualTo(ann.userId().toString());
        assertThat(message.path("type").asString()).isEqualTo("text");
        assertThat(message.path("body").asString()).isEqualTo("hello Bob");
        assertThat(message.path("seq").asLong()).isEqualTo(1);
        assertThat(message.path("createdAt").asString()).endsWith("Z");
        assertThat(second.body().path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void aClientRetryingTheSameClientIdGetsTheSameMessageOnce() {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());

        var sent = ann.sendText(chat, "retry-me", "once");
        var retried = ann.sendText(chat, "retry-me", "once");

        assertThat(sent.status()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("id").asString()).isEqualTo(sent.body().path("id").asString());
        assertThat(ann.history(chat)).hasSize(1);
    }

    @Test
    void historyPagesInBothDirections() {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());
        for (int i = 1; i <= 7; i++) {
            ann.sendText(chat, "m" + i, "message " + i);
        }
        String base = "/api/v1/conversations/" + chat + "/messages";

        var newest = ann.get(base + "?limit=3");
        var older = ann.get(base + "?limit=3&before=" + newest.body().path("nextCursor").asString());
        var oldest = ann.get(base + "?limit=3&cursor=" + older.body().path("nextCursor").asString());
        var forward = ann.get(base + "?limit=4&after=2");

        assertThat(seqs(newest.body())).containsExactly(5L, 6L, 7L);
        assertThat(seqs(older.body())).containsExactly(2L, 3L, 4L);
        assertThat(seqs(oldest.body())).containsExactly(1L);
        assertThat(oldest.body().path("nextCursor").isNull()).isTrue();
        assertThat(seqs(forward.body())).containsExactly(3L, 4L, 5L, 6L);
        assertThat(forward.body().path("nextCursor").asString()).isEqualTo("6");
    }

    @Test
    void onlyTheAuthorEditsAndOnlyTheAuthorSeesEarlierVersions() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        String id = ann.sendText(chat, "e1", "first draft").body().path("id").asString();
        String path = "/api/v1/conversations/" + chat + "/messages/" + id;

        var edited = ann.patch(path, Map.of("body", "final text"));
        var bobEdits = bob.patch(path, Map.of("body", "hijacked"));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("body").asString()).isEqualTo("final text");
        assertThat(edited.body().path("editedAt").isString()).isTrue();
        assertThat(bobEdits.status()).isEqualTo(403);
        assertThat(ann.get(path + "/edits").body().path("items").get(0).path("body").asString()).isEqualTo("first draft");
        assertThat(bob.get(path + "/edits").status()).isEqualTo(403);
    }

    @Test
    void deletingLeavesATombstoneWithTheContentErasedForEveryone() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        String id = ann.sendText(chat, "d1", "regrettable").body().path("id").asString();
        ann.patch("/api/v1/conversations/" + chat + "/messages/" + id, Map.of("body", "still regrettable"));
        bob.post("/api/v1/conversations/" + chat + "/messages/" + id + "/reactions", Map.of("emoji", "😮"));

        var bobDeletes = bob.delete("/api/v1/conversations/" + chat + "/messages/" + id);
        var deleted = ann.delete("/api/v1/conversations/" + chat + "/messages/" + id);
        var deletedAgain = ann.delete("/api/v1/conversations/" + chat + "/messages/" + id);

        assertThat(bobDeletes.status()).isEqualTo(403);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deletedAgain.status()).isEqualTo(204);
        JsonNode tombstone = bob.history(chat).getFirst();
        assertThat(tombstone.path("deleted").asBoolean()).isTrue();
        assertThat(tombstone.has("body")).isFalse();
        assertThat(tombstone.path("reactions")).isEmpty();
        assertThat(ann.get("/api/v1/conversations/" + chat + "/messages/" + id + "/edits").body().path("items")).isEmpty();
    }

    @Test
    void reactionsAreAddedOncePerUserAndRemoved() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        String id = ann.sendText(chat, "r1", "lunch?").body().path("id").asString();
        String reactions = "/api/v1/conversations/" + chat + "/messages/" + id + "/reactions";

        bob.post(reactions, Map.of("emoji", "👍"));
        bob.post(reactions, Map.of("emoji", "👍"));
        var both = ann.post(reactions, Map.of("emoji", "👍"));
        var removed = bob.delete(reactions + "/👍".replace("👍", "%F0%9F%91%8D"));

        assertThat(both.body().path("reactions").get(0).path("userIds")).hasSize(2);
        assertThat(removed.body().path("reactions").get(0).path("userIds").get(0).asString()).isEqualTo(ann.userId().toString());
    }

    @Test
    void badInputIsAClearFourHundredNeverAFiveHundred() {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());
        String messages = "/api/v1/conversations/" + chat + "/messages";

        List<ChatApi.Response> responses = List.of(
                ann.postRaw(messages, "{not json"),
                ann.postRaw(messages, "[1,2]"),
                ann.post(messages, Map.of("type", "text", "body", "no client id")),
                ann.post(messages, Map.of("clientId", "x", "type", "video", "body", "?")),
                ann.post(messages, Map.of("clientId", "x", "type", "text", "body", "a".repeat(4001))),
                ann.post(messages, Map.of("clientId", "x", "type", "text", "body", " ")),
                ann.post(messages, Map.of("clientId", "x", "type", "e2ee", "body", "b64")),
                ann.post(messages, Map.of("clientId", "x", "type", "text", "body", "hi", "replyTo", UUID.randomUUID())),
                ann.get(messages + "?limit=0"),
                ann.get(messages + "?after=-1"),
                ann.get(messages + "?after=abc"),
                ann.get("/api/v1/conversations/not-a-uuid/messages"),
                ann.get("/api/v1/conversations?cursor=garbage"));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.code()).isNotBlank();
        });
    }

    @Test
    void anEncryptedConversationTakesOnlyCiphertextWhichIsStoredUntouched() {
        ChatApi ann = user();
        ChatApi bob = user();
        var created = ann.post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(bob.userId()), "e2ee", true));
        UUID chat = UUID.fromString(created.body().path("id").asString());
        String ciphertext = MlsCiphertext.applicationMessage(chat);

        var plaintext = ann.sendText(chat, "p1", "hello");
        var sealed = ann.post("/api/v1/conversations/" + chat + "/messages",
                Map.of("clientId", "s1", "type", "e2ee", "body", ciphertext));

        assertThat(created.body().path("e2ee").asBoolean()).isTrue();
        assertThat(plaintext.status()).isEqualTo(400);
        assertThat(sealed.status()).isEqualTo(201);
        assertThat(bob.history(chat).getFirst().path("body").asString()).isEqualTo(ciphertext);
    }

    @Test
    void attachmentsMustBeFilesTheSenderMayShareAndSharingFailsClosed() {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());
        UUID mine = UUID.randomUUID();
        UUID someoneElses = UUID.randomUUID();
        peers.fileOwnedBy(mine, ann.userId());
        peers.fileOwnedBy(someoneElses, UUID.randomUUID());
        String messages = "/api/v1/conversations/" + chat + "/messages";

        var shared = ann.post(messages, Map.of("clientId", "a1", "type", "attachment", "attachments", List.of(mine)));
        var foreign = ann.post(messages, Map.of("clientId", "a2", "type", "attachment", "attachments", List.of(someoneElses)));
        peers.down();
        ChatApi.Response whileDown;
        try {
            whileDown = ann.post(messages, Map.of("clientId", "a3", "type", "attachment", "attachments", List.of(mine)));
        } finally {
            peers.up();
        }

        assertThat(shared.status()).isEqualTo(201);
        assertThat(shared.body().path("attachments").get(0).asString()).isEqualTo(mine.toString());
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.code()).isEqualTo("ATTACHMENT_NOT_SHAREABLE");
        assertThat(whileDown.status()).isEqualTo(503);
        assertThat(ann.history(chat)).hasSize(1);
    }

    /** S10: storage asks whether a file is still carried by a live message before a member may download it. */
    @Test
    void aFileStopsBeingSharedWhenTheLastMessageCarryingItIsDeleted() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        UUID file = UUID.randomUUID();
        peers.fileOwnedBy(file, ann.userId());
        var sent = ann.post("/api/v1/conversations/" + chat + "/messages",
                Map.of("clientId", "f1", "type", "attachment", "attachments", List.of(file)));
        String mayRead = "/internal/v1/conversations/" + chat + "/members/" + bob.userId() + "?fileId=" + file;
        assertThat(bob.get(mayRead).status()).isEqualTo(204);
        assertThat(bob.get("/internal/v1/conversations/" + chat + "/members/" + bob.userId() + "?fileId="
                + UUID.randomUUID()).status()).as("a file never sent here").isEqualTo(404);

        assertThat(ann.delete("/api/v1/conversations/" + chat + "/messages/" + sent.body().path("id").asString())
                .status()).isEqualTo(204);

        assertThat(bob.get(mayRead).status()).isEqualTo(404);
        assertThat(bob.get("/internal/v1/conversations/" + chat + "/members/" + bob.userId()).status())
                .as("membership alone is unchanged").isEqualTo(204);
    }

    @Test
    void concurrentSendersGetOneGaplessOrder() throws Exception {
        ChatApi owner = user();
        List<ChatApi> senders = users(50);
        UUID group = owner.createGroup("Crowd", senders.stream().map(ChatApi::userId).toArray(UUID[]::new));

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var sends = senders.stream().map(sender -> threads.submit(() -> sender.sendText(group, "c", "from " + sender.userId()))).toList();
            for (var send : sends) {
                assertThat(send.get().status()).isEqualTo(201);
            }
        }

        assertThat(owner.history(group)).extracting(m -> m.path("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.path("items").forEach(m -> seqs.add(m.path("seq").asLong()));
        return seqs;
    }
}
