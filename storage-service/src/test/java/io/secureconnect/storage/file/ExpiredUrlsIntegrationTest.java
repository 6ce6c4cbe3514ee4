package io.secureconnect.storage.file;

import static io.secureconnect.storage.StorageClient.json;
import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.storage.StorageIntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** Presigned URLs stop working when they expire: S3 itself answers 403. URLs live one second here. */
@TestPropertySource(properties = {
        "secureconnect.storage.s3.bucket=files-short",
        "secureconnect.storage.upload-url-ttl=1s",
        "secureconnect.storage.download-url-ttl=1s"})
class ExpiredUrlsIntegrationTest extends StorageIntegrationTest {

    @Test
    void anExpiredUploadUrlIsRefusedByS3() throws Exception {
        User ann = User.random();
        byte[] bytes = randomBytes(20);
        JsonNode ticket = storage.announce(ann, "late.bin", bytes, "application/octet-stream");

        waitUntilPast(Instant.parse(ticket.get("expiresAt").asString()));

        assertThat(storage.putToTicket(ticket, bytes)).isEqualTo(403);
    }

    @Test
    void anExpiredDownloadUrlIsRefusedByS3() throws Exception {
        User ann = User.random();
        byte[] bytes = randomBytes(20);
        JsonNode ticket = storage.announce(ann, "old.bin", bytes, "application/octet-stream");
        String id = ticket.get("id").asString();
        // stored directly, so this test does not race the one-second upload URL
        bucket().put("users/" + ann.id() + "/" + id, bytes);
        json(storage.complete(ann, id), 200);
        JsonNode link = json(storage.download(ann, id), 200);

        waitUntilPast(Instant.parse(link.get("expiresAt").asString()));

        assertThat(storage.fetch(link.get("url").asString()).statusCode()).isEqualTo(403);
    }

    /** S3 compares whole seconds: wait until the expiry is a full second behind. */
    private static void waitUntilPast(Instant expiresAt) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));
    }
}
