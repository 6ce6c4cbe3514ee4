package io.secureconnect.storage.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode (no S3 endpoint configured, as under {@code ./secureconnect up}): S3Proxy serves the S3 API in-process
 * from a directory, with real signature checks, so presigned URLs behave as they do against MinIO. Never used when
 * an endpoint is configured.
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);

    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3Server(S3Proxy proxy, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    static EmbeddedS3Server start(Path directory, int port, String accessKey, String secretKey) {
        Path absolute = directory.toAbsolutePath(); // S3Proxy loses multipart parts under a relative base directory
        try {
            Files.createDirectories(absolute);
            var properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", absolute.toString());
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem", properties))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    // browsers PUT and GET presigned URLs cross-origin
                    .corsRules(new CrossOriginResourceSharing())
                    .stopTimeout(0)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("embedded S3 did not start within 10 s");
                }
                Thread.sleep(10);
            }
            log.info("Local mode: S3 API served in-process at http://127.0.0.1:{} from {}", proxy.getPort(), absolute);
            return new EmbeddedS3Server(proxy, accessKey, secretKey);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded S3", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded S3 under " + absolute, e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
