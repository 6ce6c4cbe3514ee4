package io.secureconnect.storage.file;

import static io.secureconnect.storage.StorageClient.json;
import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.storage.StorageClient;
import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.storage.StorageIntegrationTest;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Uploads that must not become files: bodies of another size or type than declared, checksums that do not match,
 * types off the allow-list, files over the size limit, completion before anything was sent. A refused upload
 * leaves nothing behind: no object, no row, no reserved quota.
 */
class UploadRefusalsIntegrationTest extends StorageIntegrationTest {

    @Test
    void s3RefusesABodyLargerThanDeclaredBecauseTheSizeIsSigned() throws Exception {
        User ann = User.random();
        JsonNode ticket = json(storage.announce(ann, "small.txt", 10, "text/plain", null), 201);

        int status = storage.putToTicket(ticket, randomBytes(11));

        assertThat(status).isEqualTo(403);
        assertThat(storage.complete(ann, ticket.get("id").asString()).body()).contains("\"code\":\"UPLOAD_INCOMPLETE\"");
    }

    @Test
    void s3RefusesAnotherContentTypeThanDeclared() throws Exception {
        User ann = User.random();
        JsonNode ticket = json(storage.announce(ann, "page.txt", 4, "text/plain", null), 201);

        int status = storage.put(ticket.get("uploadUrl").asString(),
                StorageClient.JSON.createObjectNode().put("Content-Type", "text/html"), randomBytes(4));

        assertThat(status).isEqualTo(403);
    }

    @Test
    void anObjectOfAnotherSizeIsDiscardedAtCompletion() throws Exception {
        // a client that got past the signature (or an S3 that does not check it) stored more than it declared
        User liar = User.random();
        JsonNode ticket = json(storage.announce(liar, "liar.bin", 10, "application/octet-stream", null), 201);
        String id = ticket.get("id").asString();
        String key = "users/" + liar.id() + "/" + id;
        byte[] bigger = randomBytes(5_000);
        bucket().put(key, bigger);

        HttpResponse<String> completed = storage.complete(liar, id);

        assertThat(completed.statusCode()).isEqualTo(422);
        assertThat(completed.body()).contains("\"code\":\"SIZE_MISMATCH\"");
        assertThat(bucket().exists(key)).isFalse();
        assertThat(storage.send("GET", "/api/v1/files/" + id, liar, null).statusCode()).isEqualTo(404);
        JsonNode quota = storage.quota(liar);
        assertThat(quota.get("usedBytes").asLong()).isZero();
        assertThat(quota.get("reservedBytes").asLong()).isZero();
        audit.await("file.upload_complete", AuditResult.FAILURE, "file:" + id);
    }

    @Test
    void bytesThatDoNotMatchTheDeclaredChecksumAreDiscarded() throws Exception {
        User ann = User.random();
        byte[] declared = randomBytes(64);
        JsonNode ticket = storage.announce(ann, "sum.bin", declared, "application/octet-stream");
        byte[] other = randomBytes(64);
        other[0] ^= 1;
        assertThat(storage.putToTicket(ticket, other)).isEqualTo(200);

        HttpResponse<String> completed = storage.complete(ann, ticket.get("id").asString());

        assertThat(completed.statusCode()).isEqualTo(422);
        assertThat(completed.body()).contains("\"code\":\"CHECKSUM_MISMATCH\"");
        assertThat(bucket().exists("users/" + ann.id() + "/" + ticket.get("id").asString())).isFalse();
        assertThat(storage.quota(ann).get("reservedBytes").asLong()).isZero();
    }

    @Test
    void completingBeforeUploadingSaysTheUploadIsIncomplete() throws Exception {
        User ann = User.random();
        JsonNode ticket = json(storage.announce(ann, "later.txt", 3, "text/plain", null), 201);

        HttpResponse<String> completed = storage.complete(ann, ticket.get("id").asString());

        assertThat(completed.statusCode()).isEqualTo(409);
        assertThat(completed.body()).contains("\"code\":\"UPLOAD_INCOMPLETE\"");
        assertThat(json(storage.send("GET", "/api/v1/files/" + ticket.get("id").asString(), ann, null), 200)
                .get("status").asString()).isEqualTo("pending");
    }

    @Test
    void typesOffTheAllowListAndOversizeFilesAreRefusedUpFront() throws Exception {
        User ann = User.random();

        HttpResponse<String> html = storage.announce(ann, "x.html", 10, "text/html", null);
        HttpResponse<String> injected = storage.announce(ann, "x.txt", 10, "text/plain\r\nX-Evil: 1", null);
        HttpResponse<String> huge = storage.announce(ann, "huge.bin", 51L * 1024 * 1024, "application/octet-stream", null);

        assertThat(html.statusCode()).isEqualTo(415);
        assertThat(html.body()).contains("\"code\":\"CONTENT_TYPE_NOT_ALLOWED\"");
        assertThat(injected.statusCode()).isEqualTo(415);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("\"code\":\"FILE_TOO_LARGE\"");
        assertThat(storage.quota(ann).get("reservedBytes").asLong()).isZero();
    }

    @Test
    void malformedAnnouncementsAreClientErrors() throws Exception {
        User ann = User.random();

        assertThat(storage.send("POST", "/api/v1/files", ann, "{not json").statusCode()).isEqualTo(400);
        assertThat(storage.send("POST", "/api/v1/files", ann,
                "{\"name\":\"a\",\"size\":-1,\"contentType\":\"text/plain\"}").statusCode()).isEqualTo(400);
        assertThat(storage.send("POST", "/api/v1/files", ann,
                "{\"name\":\"a\",\"size\":\"big\",\"contentType\":\"text/plain\"}").statusCode()).isEqualTo(400);
        assertThat(storage.send("POST", "/api/v1/files", ann,
                "{\"name\":\"a\",\"size\":1,\"contentType\":\"text/plain\",\"sha256\":\"xyz\"}").body())
                .contains("\"code\":\"VALIDATION_FAILED\"");
        assertThat(storage.send("POST", "/api/v1/files/not-a-uuid/complete", ann, null).statusCode()).isEqualTo(400);
    }
}
