package io.secureconnect.storage;

import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;
import io.secureconnect.testsupport.s3.S3TestServer;
import io.secureconnect.testsupport.s3.WithS3;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the storage-service tests over real HTTP: the whole service on a random port, a fresh PostgreSQL
 * database, the shared in-process S3 (bucket {@code files-main} of its own), a real HTTP server playing
 * chat-service, and every audit event recorded. Multipart starts at 5 MiB here so it can be tested cheaply.
 * Subclasses share one application context.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@WithS3
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "secureconnect.storage.s3.bucket=files-main",
        "secureconnect.storage.multipart-threshold=5MB",
        "secureconnect.storage.part-size=5MB",
        "secureconnect.storage.max-file-size=50MB",
        "secureconnect.storage.cleanup.enabled=false"})
@Import(RecordedAudit.Configuration.class)
public abstract class StorageIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected RecordedAudit audit;

    @Autowired
    private S3TestServer s3;

    @Value("${secureconnect.storage.s3.bucket}")
    private String bucket;

    /** The service's bucket, read and written behind its back. */
    protected BucketContents bucket() {
        return new BucketContents(s3, bucket);
    }

    protected StorageClient storage;

    @DynamicPropertySource
    static void chatService(DynamicPropertyRegistry registry) {
        registry.add("secureconnect.storage.chat.url", FakeChatService.shared()::url);
    }

    @BeforeEach
    void client() {
        storage = new StorageClient(port);
    }
}
