package io.secureconnect.common.mvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** When the signing keys cannot be fetched, a token cannot be judged: that is a 503 problem, not a 401 or a 500. */
@WithPostgres
@WithRedis
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.security.jwks-uri=http://127.0.0.1:1/.well-known/jwks.json")
class UnreachableSigningKeysIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aTokenThatCannotBeCheckedIsServiceUnavailable() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/items/1"))
                        .header("Authorization", "Bearer " + TestTokens.accessToken(UUID.randomUUID()))
                        .header("X-Request-ID", "keys-down-1").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"", "\"requestId\":\"keys-down-1\"");
    }
}
