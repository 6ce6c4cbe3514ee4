package io.secureconnect.storage.s3;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;

import io.secureconnect.testsupport.FreePorts;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An in-process S3 (S3Proxy) that can be stopped and started again on the same port with the same contents, for
 * outage tests; test-support's shared server cannot be stopped without breaking every other test.
 */
final class RestartableS3 {

    static final String ACCESS_KEY = "OUTAGETESTKEY";
    static final String SECRET_KEY = "outage-test-secret";

    private final BlobStore contents = BlobStores.create("transient", new Properties());
    private final int port = FreePorts.next();
    private S3Proxy proxy;

    synchronized RestartableS3 start() {
        if (proxy == null) {
            proxy = S3Proxy.builder().blobStore(contents).endpoint(URI.create(endpoint()))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .stopTimeout(0).build();
            S3Proxy starting = proxy;
            await("S3 on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                        if (!"STARTED".equals(starting.getState())) {
                            starting.start(); // the port may take a moment to be free again after a stop
                        }
                        return "STARTED".equals(starting.getState());
                    });
        }
        return this;
    }

    synchronized void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }
}
