package io.secureconnect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web client at the edge: its page and files need no token, the links auth-service mails open the page, and
 * nothing else leaves the class path: the API routes are still secured and forwarded as before.
 */
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebClientPagesIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void downstreamsThatAreDown(DynamicPropertyRegistry properties) {
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        for (String service : new String[] {"AUTH", "CHAT", "VIDEO", "STORAGE"}) {
            properties.add("SC_" + service + "_URL", () -> nobody);
        }
    }

    @Test
    void pageIsServedAtTheRootWithoutToken() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).contains("<script type=\"module\" src=\"/app/main.js\"></script>");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void mailedLinksOpenThePage() throws Exception {
        for (String link : new String[] {"/verify-email?token=abc", "/reset-password?token=abc"}) {
            HttpResponse<String> response = get(link);

            assertThat(response.statusCode()).as(link).isEqualTo(200);
            assertThat(response.body()).as(link).contains("/app/main.js");
        }
    }

    @Test
    void scriptsAreServedAsJavaScript() throws Exception {
        HttpResponse<String> response = get("/app/main.js");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
    }

    @Test
    void onlyTheClientsFilesArePublic() throws Exception {
        assertThat(get("/app/no-such-file.js").statusCode()).isEqualTo(404);
        assertThat(get("/app/../../application.yml").statusCode()).isIn(400, 401, 404);
        assertThat(get("/webjars/swagger-ui/index.html").statusCode()).as("other class path resources").isEqualTo(401);
    }

    @Test
    void apiRoutesAreStillSecuredAndForwarded() throws Exception {
        assertThat(get("/api/v1/conversations").statusCode()).as("no token").isEqualTo(401);
        assertThat(get("/api/v1/auth/login").statusCode()).as("public route, auth-service down").isEqualTo(503);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
