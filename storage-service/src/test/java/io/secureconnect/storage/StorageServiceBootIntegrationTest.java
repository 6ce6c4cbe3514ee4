package io.secureconnect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.secureconnect.testsupport.contract.ServiceConventionsContract;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The storage service boots on a fresh database, migrates it, and follows the shared conventions. It runs in local
 * mode (no S3 endpoint configured, as under the launcher): S3 is served in-process from a directory.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.storage.s3.embedded-dir=target/s3-local-mode")
class StorageServiceBootIntegrationTest extends ServiceConventionsContract {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migrationsCreateTheServiceTables() {
        var tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list();

        assertThat(tables).contains("files", "storage_quotas", "file_shares");
    }

    @Test
    void storageMetricsAreExposedFromTheStart() throws Exception {
        String metrics = get("/metrics", null).body();

        assertThat(metrics).contains("storage_uploads_total", "storage_downloads_total", "storage_bytes_stored",
                "storage_quota_exceeded_total", "resilience4j_circuitbreaker_state{");
    }

    @Test
    void localModeKeepsUploadedFilesInTheConfiguredDirectory() throws Exception {
        StorageClient storage = new StorageClient(port);
        StorageClient.User ann = StorageClient.User.random();
        byte[] bytes = StorageClient.randomBytes(2_000);

        String id = storage.upload(ann, "local.bin", bytes, "application/octet-stream");
        byte[] downloaded = storage.fetch(StorageClient.json(storage.download(ann, id), 200).get("url").asString()).body();

        assertThat(downloaded).isEqualTo(bytes);
        try (Stream<Path> stored = Files.walk(Path.of("target/s3-local-mode"))) {
            assertThat(stored.map(Path::toString)).anyMatch(path -> path.endsWith(id));
        }
    }

    @Test
    void openApiDescriptionListsTheFileApi() throws Exception {
        var response = get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/files", "/api/v1/files/{id}/complete", "/api/v1/files/quota");
    }
}
