package io.secureconnect.testsupport.s3;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.MinioException;
import okhttp3.OkHttpClient;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3 API served in-process by S3Proxy from memory, on a free loopback port, with random credentials and
 * real AWS signature checking (V2 or V4), so presigned URLs are verified as MinIO would verify them. Services talk
 * to it with the MinIO client exactly as they talk to MinIO.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String REGION = "us-east-1";

    /**
     * One HTTP client for every MinIO client: MinIO's default client re-reads every certificate in
     * {@code $SSL_CERT_DIR} each time one is built, which costs seconds.
     */
    private static final OkHttpClient HTTP = new OkHttpClient();

    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;
    private MinioClient minioClient;

    private S3TestServer(S3Proxy proxy, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a new, empty server; close it when done. */
    public static S3TestServer start() {
        var accessKey = "AK" + randomHex(9).toUpperCase();
        var secretKey = randomHex(20);
        var proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        await("S3Proxy to start").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> "STARTED".equals(proxy.getState()));
        return new S3TestServer(proxy, accessKey, secretKey);
    }

    /** One server for the whole JVM (what {@link WithS3} uses), stopped when the JVM exits. */
    public static S3TestServer shared() {
        return Shared.INSTANCE;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    /** A MinIO client for this server, built once. */
    public synchronized MinioClient minioClient() {
        if (minioClient == null) {
            minioClient = MinioClient.builder().endpoint(endpoint()).credentials(accessKey, secretKey).region(REGION)
                    .httpClient(HTTP).build();
        }
        return minioClient;
    }

    /** Creates a bucket (MinIO's rules: 3-63 lowercase letters, digits, dots and hyphens). */
    public void createBucket(String name) {
        try {
            minioClient().makeBucket(MakeBucketArgs.builder().bucket(name).build());
        } catch (MinioException e) {
            throw new IllegalStateException("could not create bucket " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }

    @Override
    public String toString() {
        return "S3TestServer[" + endpoint() + "]";
    }

    private static String randomHex(int bytes) {
        var random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static final class Shared {

        static final S3TestServer INSTANCE = start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close, "stop-shared-s3-test-server"));
        }
    }
}
