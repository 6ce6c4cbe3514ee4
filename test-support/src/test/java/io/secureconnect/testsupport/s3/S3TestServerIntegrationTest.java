package io.secureconnect.testsupport.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.StatObjectArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(S3Extension.class)
class S3TestServerIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void presignedPutThenGetRoundTripsTheBytes(S3TestServer s3) throws Exception {
        s3.createBucket("uploads");
        var minio = s3.minioClient();
        var content = new byte[100_000];
        ThreadLocalRandom.current().nextBytes(content);

        var putUrl = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.PUT).bucket("uploads").object("photo.png").expiry(600).build());
        var put = http.send(HttpRequest.newBuilder(URI.create(putUrl)).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(put.statusCode()).isEqualTo(200);
        var stat = minio.statObject(StatObjectArgs.builder().bucket("uploads").object("photo.png").build());
        assertThat(stat.size()).isEqualTo(content.length);
        assertThat(stat.contentType()).isEqualTo("image/png");

        var getUrl = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.GET).bucket("uploads").object("photo.png").expiry(600).build());
        var get = http.send(HttpRequest.newBuilder(URI.create(getUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
    }

    @Test
    void requestsSignedWithAnotherSecretAreRefused(S3TestServer s3) throws Exception {
        s3.createBucket("private");
        var forger = io.minio.MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), "wrong-secret")
                .region(s3.region()).httpClient(new okhttp3.OkHttpClient()).build();
        var forgedUrl = forger.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.GET).bucket("private").object("anything").build());

        var response = http.send(HttpRequest.newBuilder(URI.create(forgedUrl)).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void serverListensOnTheLoopbackWithRandomCredentials(S3TestServer s3) {
        assertThat(s3.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(s3.endpoint()).doesNotEndWith(":0");
        assertThat(s3.accessKey()).isNotBlank().isNotEqualTo(s3.secretKey());
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.minioClient()).isSameAs(s3.minioClient());
    }
}
