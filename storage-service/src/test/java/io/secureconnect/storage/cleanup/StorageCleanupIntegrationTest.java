package io.secureconnect.storage.cleanup;

import static io.secureconnect.storage.StorageClient.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.storage.StorageIntegrationTest;
import io.secureconnect.storage.s3.ObjectStore;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The cleanup job, called directly: abandoned uploads and orphan objects go, everything else stays. */
class StorageCleanupIntegrationTest extends StorageIntegrationTest {

    @Autowired
    StorageCleanup cleanup;

    @Autowired
    ObjectStore store;

    @Test
    void abandonedUploadsAreRemovedWithTheirBytesAndReservation() throws Exception {
        User ann = User.random();
        byte[] bytes = randomBytes(700);
        JsonNode abandoned = storage.announce(ann, "abandoned.bin", bytes, "application/octet-stream");
        storage.putToTicket(abandoned, bytes); // sent, but never completed
        String ready = storage.upload(ann, "kept.bin", randomBytes(100), "application/octet-stream");
        String abandonedKey = "users/" + ann.id() + "/" + abandoned.get("id").asString();

        int removed = cleanup.removeStaleUploads(Instant.now().plusSeconds(60));

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(bucket().exists(abandonedKey)).isFalse();
        assertThat(storage.send("GET", "/api/v1/files/" + abandoned.get("id").asString(), ann, null).statusCode())
                .isEqualTo(404);
        assertThat(storage.quota(ann).get("reservedBytes").asLong()).isZero();
        assertThat(storage.quota(ann).get("usedBytes").asLong()).isEqualTo(100);
        assertThat(storage.download(ann, ready).statusCode()).isEqualTo(200);
    }

    @Test
    void recentUploadsAreLeftAlone() throws Exception {
        User ann = User.random();
        JsonNode fresh = storage.announce(ann, "fresh.bin", randomBytes(10), "application/octet-stream");

        cleanup.run();

        assertThat(storage.send("GET", "/api/v1/files/" + fresh.get("id").asString(), ann, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void objectsWithoutMetadataAreRemovedAndFilesKeepTheirs() throws Exception {
        User ann = User.random();
        String ready = storage.upload(ann, "mine.bin", randomBytes(100), "application/octet-stream");
        String orphan = "users/" + UUID.randomUUID() + "/" + UUID.randomUUID();
        byte[] bytes = randomBytes(50);
        bucket().put(orphan, bytes);

        int removed = cleanup.removeOrphanObjects(Instant.now().plusSeconds(60));

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(bucket().exists(orphan)).isFalse();
        assertThat(bucket().exists("users/" + ann.id() + "/" + ready)).isTrue();
        assertThat(storage.download(ann, ready).statusCode()).isEqualTo(200);
    }

    @Test
    void multipartUploadsWithoutAFileAreAborted() throws Exception {
        User ann = User.random();
        JsonNode large = storage.announce(ann, "large.bin", randomBytes(6 * 1024 * 1024), "application/octet-stream");
        String strayKey = "users/" + UUID.randomUUID() + "/" + UUID.randomUUID();
        String stray = store.startMultipartUpload(strayKey, "application/octet-stream");

        int aborted = cleanup.abortOrphanMultipartUploads(Instant.now().plusSeconds(60));

        var remaining = store.multipartUploadsOlderThan("users/", Instant.now().plusSeconds(60), 1000);
        assertThat(aborted).isGreaterThanOrEqualTo(1);
        assertThat(remaining).extracting(ObjectStore.MultipartUpload::uploadId).doesNotContain(stray);
        assertThat(remaining).extracting(ObjectStore.MultipartUpload::key)
                .contains("users/" + ann.id() + "/" + large.get("id").asString());
        assertThat(storage.send("GET", "/api/v1/files/" + large.get("id").asString(), ann, null).statusCode())
                .isEqualTo(200);
    }
}
