package io.secureconnect.storage.share;

import static io.secureconnect.storage.StorageClient.json;
import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.storage.FakeChatService;
import io.secureconnect.storage.StorageClient;
import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.storage.StorageIntegrationTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Who may do what to a file: the owner everything; members of a conversation it was shared into may download it
 * (as chat-service confirms, failing closed when it cannot); anyone else gets the 404 of a file that does not exist,
 * and the attempt is audited.
 */
class FileAccessIntegrationTest extends StorageIntegrationTest {

    private final FakeChatService chat = FakeChatService.shared();

    @AfterEach
    void chatAnswersAgain() {
        chat.failing(false);
    }

    @Test
    void someoneElsesFileCannotBeDownloadedAndTheAttemptIsAudited() throws Exception {
        User owner = User.random();
        User stranger = User.random();
        String id = storage.upload(owner, "private.pdf", randomBytes(50), "application/pdf");

        HttpResponse<String> response = storage.download(stranger, id);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"NOT_FOUND\"");
        AuditEvent denied = audit.await("file.download", AuditResult.DENIED, "file:" + id);
        assertThat(denied.userId()).isEqualTo(stranger.id().toString());
        assertThat(storage.send("GET", "/api/v1/files/" + id, stranger, null).statusCode()).isEqualTo(404);
    }

    @Test
    void someoneElsesFileCannotBeDeletedAndTheAttemptIsAudited() throws Exception {
        User owner = User.random();
        User stranger = User.random();
        String id = storage.upload(owner, "keep.txt", randomBytes(50), "text/plain");

        HttpResponse<String> response = storage.send("DELETE", "/api/v1/files/" + id, stranger, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(audit.await("file.delete", AuditResult.DENIED, "file:" + id).userId()).isEqualTo(stranger.id().toString());
        assertThat(storage.download(owner, id).statusCode()).isEqualTo(200);
        assertThat(storage.quota(owner).get("usedBytes").asLong()).isEqualTo(50);
    }

    @Test
    void someoneElsesUploadCannotBeCompleted() throws Exception {
        User owner = User.random();
        User stranger = User.random();
        byte[] bytes = randomBytes(20);
        JsonNode ticket = storage.announce(owner, "mine.bin", bytes, "application/octet-stream");
        storage.putToTicket(ticket, bytes);
        String id = ticket.get("id").asString();

        HttpResponse<String> response = storage.complete(stranger, id);

        assertThat(response.statusCode()).isEqualTo(404);
        audit.await("file.upload_complete", AuditResult.DENIED, "file:" + id);
        assertThat(json(storage.send("GET", "/api/v1/files/" + id, owner, null), 200).get("status").asString())
                .isEqualTo("pending");
        assertThat(json(storage.complete(owner, id), 200).get("status").asString()).isEqualTo("ready");
    }

    @Test
    void membersOfAConversationTheFileWasSharedIntoMayDownloadIt() throws Exception {
        byte[] bytes = randomBytes(300);
        SharedFile shared = sharedFile("shared.png", bytes);

        JsonNode link = json(storage.download(shared.member(), shared.id()), 200);

        assertThat(storage.fetch(link.get("url").asString()).body()).isEqualTo(bytes);
        assertThat(chat.authorizations()).contains("Bearer " + shared.member().token());
        assertThat(audit.await("file.download", AuditResult.SUCCESS, "file:" + shared.id()).reason())
                .isEqualTo("conversation:" + shared.conversation());
        assertThat(storage.download(User.random(), shared.id()).statusCode()).isEqualTo(404);
        assertThat(storage.send("DELETE", "/api/v1/files/" + shared.id(), shared.member(), null).statusCode())
                .as("sharing grants reading, not deleting").isEqualTo(404);
    }

    @Test
    void whenChatCannotAnswerSharedDownloadsFailClosed() throws Exception {
        SharedFile shared = sharedFile("shared.txt", randomBytes(30));
        chat.failing(true);

        HttpResponse<String> response = storage.download(shared.member(), shared.id());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"ACCESS_CHECK_UNAVAILABLE\"");
        assertThat(storage.download(shared.owner(), shared.id()).statusCode()).as("the owner needs no one's word")
                .isEqualTo(200);
    }

    @Test
    void onlyTheOwnerOfAReadyFileMayShareIt() throws Exception {
        User owner = User.random();
        User other = User.random();
        UUID conversation = UUID.randomUUID();
        String ready = storage.upload(owner, "ready.txt", randomBytes(5), "text/plain");
        String pending = storage.announce(owner, "pending.txt", randomBytes(5), "text/plain").get("id").asString();

        assertThat(share(other, ready, conversation, other.id()).statusCode()).isEqualTo(404);
        assertThat(share(other, ready, conversation, owner.id()).statusCode()).isEqualTo(404);
        assertThat(share(owner, ready, conversation, other.id()).statusCode()).isEqualTo(404);
        assertThat(share(owner, pending, conversation, owner.id()).statusCode()).isEqualTo(404);
        assertThat(share(owner, UUID.randomUUID().toString(), conversation, owner.id()).statusCode()).isEqualTo(404);
        assertThat(share(owner, ready, conversation, owner.id()).statusCode()).isEqualTo(201);
        assertThat(share(owner, ready, conversation, owner.id()).statusCode()).as("idempotent").isEqualTo(201);
        audit.await("file.share", AuditResult.DENIED, "file:" + ready);
    }

    @Test
    void theAccessQuestionAnswersForOwnersMembersAndOthers() throws Exception {
        SharedFile shared = sharedFile("q.txt", randomBytes(5));
        String access = "/internal/v1/files/" + shared.id() + "/access";

        JsonNode asOwner = json(storage.send("GET", access, shared.owner(), null), 200);
        JsonNode asMember = json(storage.send("GET", access + "?userId=" + shared.member().id(), shared.member(), null), 200);
        HttpResponse<String> asStranger = storage.send("GET", access, User.random(), null);

        assertThat(asOwner.get("access").asString()).isEqualTo("owner");
        assertThat(asMember.get("access").asString()).isEqualTo("conversation");
        assertThat(asMember.get("conversationId").asString()).isEqualTo(shared.conversation().toString());
        assertThat(asStranger.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnsharedFileIsNoLongerReadableByTheConversation() throws Exception {
        SharedFile shared = sharedFile("withdrawn.txt", randomBytes(5));
        String grant = "/internal/v1/files/" + shared.id() + "/shares/" + shared.conversation();

        assertThat(storage.send("DELETE", grant, shared.member(), null).statusCode()).isEqualTo(404);
        assertThat(storage.send("DELETE", grant, shared.owner(), null).statusCode()).isEqualTo(204);

        assertThat(storage.download(shared.member(), shared.id()).statusCode()).isEqualTo(404);
    }

    /** S10: deleting (or the expiry of) the last message that carried a file withdraws it from the conversation. */
    @Test
    void aFileIsNoLongerDownloadableOnceNoMessageCarriesIt() throws Exception {
        SharedFile shared = sharedFile("deleted.bin", new byte[] {1, 2, 3});
        assertThat(storage.download(shared.member(), shared.id()).statusCode()).isEqualTo(200);

        chat.detach(shared.conversation(), shared.id());

        assertThat(storage.download(shared.member(), shared.id()).statusCode()).isEqualTo(404);
        assertThat(storage.download(shared.owner(), shared.id()).statusCode()).as("the owner keeps it").isEqualTo(200);
    }

    @Test
    void internalCallsNeedAToken() throws Exception {
        assertThat(storage.send("POST", "/internal/v1/files/" + UUID.randomUUID() + "/shares", null,
                "{\"conversationId\":\"" + UUID.randomUUID() + "\",\"sharedBy\":\"" + UUID.randomUUID() + "\"}")
                .statusCode()).isEqualTo(401);
    }

    /** A ready file of {@code owner}, shared into {@code conversation}, of which chat says {@code member} is one. */
    private record SharedFile(User owner, User member, UUID conversation, String id) {
    }

    private SharedFile sharedFile(String name, byte[] bytes) throws Exception {
        User owner = User.random();
        User member = User.random();
        UUID conversation = UUID.randomUUID();
        String id = storage.upload(owner, name, bytes, "application/octet-stream");
        chat.addMember(conversation, member.id());
        JsonNode grant = json(share(owner, id, conversation, owner.id()), 201);
        assertThat(grant.get("conversationId").asString()).isEqualTo(conversation.toString());
        return new SharedFile(owner, member, conversation, id);
    }

    private HttpResponse<String> share(User caller, String fileId, UUID conversation, UUID sharedBy) throws Exception {
        return storage.send("POST", "/internal/v1/files/" + fileId + "/shares", caller, StorageClient.JSON
                .writeValueAsString(java.util.Map.of("conversationId", conversation, "sharedBy", sharedBy)));
    }
}
