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
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3 API served in-process by S3Proxy from memory, on a free loopback port, with random credentials and
 * real AWS signature checking (V2 or V4), so presigned URLs are verified as MinIO would verify them. Services talk
 * to it with the MinIO client exactly as they talk to MinIO. {@link #stop()} and {@link #restart()} make an outage:
 * the port refuses connections meanwhile, and the objects are there again afterwards.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String REGION = "us-east-1";

    /**
     * One HTTP client for every MinIO client: MinIO's default client re-reads every certificate in
     * {@code $SSL_CERT_DIR} each time one is built, which costs seconds.
     */
    private static final OkHttpClient HTTP = new OkHttpClient();

    private final BlobStore objects;
    private final String accessKey;
    private final String secretKey;
    private final int port;
    private S3Proxy proxy;
    private MinioClient minioClient;

    private S3TestServer(BlobStore objects, S3Proxy proxy, String accessKey, String secretKey) {
        this.objects = objects;
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.port = proxy.getPort();
    }

    /** Starts a new, empty server; close it when done. */
    public static S3TestServer start() {
        var accessKey = "AK" + randomHex(9).toUpperCase();
        var secretKey = randomHex(20);
        BlobStore objects = BlobStores.create("transient", new Properties());
        return new S3TestServer(objects, serve(objects, 0, accessKey, secretKey), accessKey, secretKey);
    }

    private static S3Proxy serve(BlobStore objects, int port, String accessKey, String secretKey) {
        var proxy = S3Proxy.builder()
                .blobStore(objects)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .corsRules(new CrossOriginResourceSharing()) // browsers upload to presigned URLs (web client tests)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        await("S3Proxy to start").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> "STARTED".equals(proxy.getState()));
        return proxy;
    }

    /** An outage: the port refuses connections until {@link #restart()}; the objects are kept. */
    public synchronized void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }

    /** Serves the same objects on the same port again. */
    public synchronized void restart() {
        if (!"STARTED".equals(proxy.getState())) {
            proxy = serve(objects, port, accessKey, secretKey);
        }
    }

    /** One server for the whole JVM (what {@link WithS3} uses), stopped when the JVM exits. */
    public static S3TestServer shared() {
        return Shared.INSTANCE;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
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
        stop();
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
