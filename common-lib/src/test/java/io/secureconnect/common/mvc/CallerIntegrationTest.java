package io.secureconnect.common.mvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A controller that declares a {@code Caller} parameter gets the token's user, session and email state. */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.web.max-body-size=2KB")
class CallerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void controllerSeesTheUserSessionAndEmailStateOfTheToken() throws Exception {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();

        JsonNode caller = callerSeenWith(TestTokens.forUser(user).sessionId(session).emailVerified(true).mint());

        assertThat(caller.get("userId").asString()).isEqualTo(user.toString());
        assertThat(caller.get("sessionId").asString()).isEqualTo(session.toString());
        assertThat(caller.get("emailVerified").asBoolean()).isTrue();
        assertThat(caller.get("tokenForwarded").asBoolean()).isTrue();
    }

    @Test
    void anUnverifiedEmailIsSeenAsUnverified() throws Exception {
        JsonNode caller = callerSeenWith(TestTokens.forUser(UUID.randomUUID()).emailVerified(false).mint());

        assertThat(caller.get("emailVerified").asBoolean()).isFalse();
    }

    @Test
    void aRequestWithoutTokenNeverReachesTheController() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri()).GET().build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private JsonNode callerSeenWith(String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri())
                .header("Authorization", "Bearer " + token).GET().build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private URI uri() {
        return URI.create("http://localhost:" + port + "/api/v1/caller");
    }
}
