package io.secureconnect.common.mvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service sees the client the gateway names in {@code X-Forwarded-For}, and only when the gateway says it: per-IP
 * login limits, sessions and audit events depend on it. Real Tomcat; the test client connects from loopback, which
 * is the gateway's address by default.
 */
class GatewayClientAddressIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode client(int port, String forwardedFor, String forwardedProto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/client"))
                .header("Authorization", "Bearer " + TestTokens.accessToken(UUID.randomUUID()));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor).header("X-Forwarded-Proto", forwardedProto);
        }
        var response = HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Nested
    @WithPostgres
    @WithRedis
    @WithTestJwks
    @SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class FromTheGateway {

        @LocalServerPort
        int port;

        @Test
        void theForwardedClientIsTheRemoteAddress() throws Exception {
            JsonNode seen = client(port, "203.0.113.7", "https");

            assertThat(seen.get("address").asString()).isEqualTo("203.0.113.7");
            assertThat(seen.get("secure").asBoolean()).isTrue();
        }

        @Test
        void withoutForwardedHeadersThePeerIsTheClient() throws Exception {
            assertThat(client(port, null, null).get("address").asString()).isEqualTo("127.0.0.1");
        }
    }

    @Nested
    @WithPostgres
    @WithRedis
    @WithTestJwks
    @SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "secureconnect.web.gateway-addresses=10\\.250\\.0\\.1")
    class FromAnyoneElse {

        @LocalServerPort
        int port;

        @Test
        void aPeerThatIsNotTheGatewayCannotClaimAnotherAddress() throws Exception {
            JsonNode seen = client(port, "203.0.113.7", "https");

            assertThat(seen.get("address").asString()).isEqualTo("127.0.0.1");
            assertThat(seen.get("secure").asBoolean()).isFalse();
        }
    }
}
