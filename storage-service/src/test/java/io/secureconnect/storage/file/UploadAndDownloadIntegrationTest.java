package io.secureconnect.storage.file;

import static io.secureconnect.storage.StorageClient.json;
import static io.secureconnect.storage.StorageClient.randomBytes;
import static io.secureconnect.storage.StorageClient.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.storage.StorageIntegrationTest;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The whole journey of a file: announce, PUT to S3 through the presigned URL, complete, download, delete. */
class UploadAndDownloadIntegrationTest extends StorageIntegrationTest {

    @Test
    void uploadedBytesComeBackUnchangedThroughTheDownloadUrl() throws Exception {
        User ann = User.random();
        byte[] bytes = randomBytes(100_000);
        double uploadsBefore = storage.metric("storage_uploads_total");
        double downloadsBefore = storage.metric("storage_downloads_total");

        JsonNode ticket = storage.announce(ann, "holiday.png", bytes, "image/png");
        assertThat(ticket.get("expiresAt").asString()).isNotBlank();
        assertThat(storage.putToTicket(ticket, bytes)).isEqualTo(200);
        String id = ticket.get("id").asString();
        JsonNode file = json(storage.complete(ann, id), 200);
        JsonNode link = json(storage.download(ann, id), 200);
        HttpResponse<byte[]> downloaded = storage.fetch(link.get("url").asString());

        assertThat(file.get("id").asString()).isEqualTo(id);
        assertThat(file.get("name").asString()).isEqualTo("holiday.png");
        assertThat(file.get("size").asLong()).isEqualTo(100_000);
        assertThat(file.get("status").asString()).isEqualTo("ready");
        assertThat(link.get("expiresAt").asString()).isNotBlank();
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(bytes);
        assertThat(sha256(downloaded.body())).isEqualTo(sha256(bytes));
        assertThat(downloaded.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(downloaded.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"holiday.png\"");
        audit.await("file.upload_url", AuditResult.SUCCESS, "file:" + id);
        audit.await("file.upload_complete", AuditResult.SUCCESS, "file:" + id);
        assertThat(audit.await("file.download", AuditResult.SUCCESS, "file:" + id).userId()).isEqualTo(ann.id().toString());
        assertThat(storage.metric("storage_uploads_total")).isEqualTo(uploadsBefore + 1);
        assertThat(storage.metric("storage_downloads_total")).isEqualTo(downloadsBefore + 1);
        await("storage_bytes_stored to include the file").atMost(Duration.ofSeconds(30))
                .until(() -> storage.metric("storage_bytes_stored") >= bytes.length);
        assertThat(storage.metric("storage_s3_requests_seconds_count")).isPositive();
    }

    @Test
    void anUnfinishedUploadCannotBeDownloadedYet() throws Exception {
        User ann = User.random();
        String id = storage.announce(ann, "soon.txt", randomBytes(8), "text/plain").get("id").asString();

        HttpResponse<String> response = storage.download(ann, id);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("\"code\":\"FILE_NOT_READY\"");
    }

    @Test
    void completingChargesTheQuotaAndDeletingCreditsIt() throws Exception {
        User bob = User.random();
        assertThat(storage.quota(bob).get("limitBytes").asLong()).isEqualTo(1L << 30);

        JsonNode ticket = storage.announce(bob, "notes.txt", randomBytes(3_000), "text/plain");
        assertThat(storage.quota(bob).get("reservedBytes").asLong()).isEqualTo(3_000);
        storage.putToTicket(ticket, randomBytes(3_000));
        String id = ticket.get("id").asString();
        json(storage.complete(bob, id), 200);
        JsonNode charged = storage.quota(bob);

        assertThat(charged.get("usedBytes").asLong()).isEqualTo(3_000);
        assertThat(charged.get("reservedBytes").asLong()).isZero();
        assertThat(storage.send("DELETE", "/api/v1/files/" + id, bob, null).statusCode()).isEqualTo(204);
        assertThat(storage.quota(bob).get("usedBytes").asLong()).isZero();
        assertThat(storage.download(bob, id).statusCode()).isEqualTo(404);
        audit.await("file.delete", AuditResult.SUCCESS, "file:" + id);
    }

    @Test
    void completingTwiceAnswersTheReadyFileAgain() throws Exception {
        User ann = User.random();
        String id = storage.upload(ann, "twice.bin", randomBytes(10), "application/octet-stream");

        JsonNode again = json(storage.complete(ann, id), 200);

        assertThat(again.get("status").asString()).isEqualTo("ready");
        assertThat(storage.quota(ann).get("usedBytes").asLong()).isEqualTo(10);
    }

    @Test
    void aLargeFileGoesUpInPartsAndComesBackWhole() throws Exception {
        User ann = User.random();
        byte[] bytes = randomBytes(6 * 1024 * 1024 + 123);

        JsonNode ticket = storage.announce(ann, "video.mp4", bytes, "video/mp4");
        JsonNode parts = ticket.get("multipart").get("parts");
        assertThat(ticket.has("uploadUrl")).isFalse();
        assertThat(parts).hasSize(2);
        int offset = 0;
        for (JsonNode part : parts) {
            int size = (int) part.get("size").asLong();
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, offset, offset + size);
            assertThat(storage.put(part.get("url").asString(), null, chunk)).isEqualTo(200);
            offset += size;
        }
        String id = ticket.get("id").asString();
        JsonNode file = json(storage.complete(ann, id), 200);
        HttpResponse<byte[]> downloaded = storage.fetch(json(storage.download(ann, id), 200).get("url").asString());

        assertThat(file.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(downloaded.body()).isEqualTo(bytes);
    }

    @Test
    void myFilesAreListedNewestFirstPageByPage() throws Exception {
        User ann = User.random();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(storage.upload(ann, "file-" + i + ".txt", randomBytes(5), "text/plain"));
        }
        storage.upload(User.random(), "someone-else.txt", randomBytes(5), "text/plain");

        JsonNode first = json(storage.send("GET", "/api/v1/files?limit=2", ann, null), 200);
        JsonNode second = json(storage.send("GET", "/api/v1/files?limit=2&cursor="
                + first.get("nextCursor").asString(), ann, null), 200);

        assertThat(first.get("items")).extracting(item -> item.get("id").asString()).containsExactly(ids.get(2), ids.get(1));
        assertThat(second.get("items")).extracting(item -> item.get("id").asString()).containsExactly(ids.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(storage.send("GET", "/api/v1/files?cursor=not-a-cursor", ann, null).statusCode()).isEqualTo(400);
    }

    @Test
    void aRetriedAnnouncementWithTheSameIdempotencyKeyIsTheSameUpload() throws Exception {
        User ann = User.random();
        String body = "{\"name\":\"a.txt\",\"size\":4,\"contentType\":\"text/plain\",\"encrypted\":true}";

        var first = storage.sendWithHeader("POST", "/api/v1/files", ann, body, "Idempotency-Key", "k-1");
        var second = storage.sendWithHeader("POST", "/api/v1/files", ann, body, "Idempotency-Key", "k-1");

        assertThat(json(second, 201).get("id").asString()).isEqualTo(json(first, 201).get("id").asString());
        assertThat(storage.quota(ann).get("reservedBytes").asLong()).isEqualTo(4);
    }
}
