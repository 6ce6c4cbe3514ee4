package io.secureconnect.storage.s3;

import java.net.URI;
import java.util.HexFormat;
import java.security.SecureRandom;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.storage.StorageProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client (no SDK retries: the circuit breaker decides, and a retry storm against a down S3 only delays the
 * 503), the presigner (signing for the address clients reach) and, in local mode, the in-process S3.
 */
@Configuration(proxyBeanMethods = false)
class S3Configuration {

    /** Where S3 is and how to sign for it, after local mode filled in what configuration left empty. */
    record S3Connection(URI endpoint, URI publicEndpoint, String accessKey, String secretKey, String region) {
    }

    @Bean(destroyMethod = "close")
    LocalS3 localS3(StorageProperties properties) {
        StorageProperties.S3 s3 = properties.s3();
        if (!s3.embedded()) {
            return new LocalS3(null);
        }
        return new LocalS3(EmbeddedS3Server.start(s3.embeddedDir(), s3.embeddedPort(), orRandom(s3.accessKey()),
                orRandom(s3.secretKey())));
    }

    @Bean
    S3Connection s3Connection(StorageProperties properties, LocalS3 local) {
        StorageProperties.S3 s3 = properties.s3();
        URI endpoint = local.server() != null ? local.server().endpoint() : s3.endpoint();
        URI publicEndpoint = s3.publicEndpoint() != null && !s3.publicEndpoint().toString().isBlank()
                ? s3.publicEndpoint() : endpoint;
        String accessKey = local.server() != null ? local.server().accessKey() : s3.accessKey();
        String secretKey = local.server() != null ? local.server().secretKey() : s3.secretKey();
        return new S3Connection(endpoint, publicEndpoint, accessKey, secretKey, s3.region());
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(S3Connection connection, StorageProperties properties) {
        return S3Client.builder()
                .endpointOverride(connection.endpoint())
                .region(Region.of(connection.region()))
                .credentialsProvider(credentials(connection))
                .forcePathStyle(true)
                // S3-compatible stores (MinIO, S3Proxy) need not support the SDK's newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(properties.s3().connectTimeout())
                        .socketTimeout(properties.s3().socketTimeout()))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(S3Connection connection) {
        return S3Presigner.builder()
                .endpointOverride(connection.publicEndpoint())
                .region(Region.of(connection.region()))
                .credentialsProvider(credentials(connection))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .build();
    }

    @Bean
    ObjectStore objectStore(S3Client s3, S3Presigner presigner, StorageProperties properties,
                            CircuitBreakerRegistry breakers, MeterRegistry meters) {
        return new ObjectStore(s3, presigner, properties.s3().bucket(), breakers.circuitBreaker("s3"), meters);
    }

    private static StaticCredentialsProvider credentials(S3Connection connection) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(connection.accessKey(), connection.secretKey()));
    }

    private static String orRandom(String value) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The in-process S3 of local mode, or nothing when an endpoint is configured. */
    record LocalS3(EmbeddedS3Server server) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }
}
