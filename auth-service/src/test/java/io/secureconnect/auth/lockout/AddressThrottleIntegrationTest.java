package io.secureconnect.auth.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;

import io.secureconnect.auth.AuthServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** An address that keeps failing across many emails (credential stuffing) is refused before any password work. */
@AuthServiceTest
@TestPropertySource(properties = "secureconnect.auth.lockout.max-failures-per-ip=3")
class AddressThrottleIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void failuresAcrossEmailsFromOneAddressAreRefused() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(login("victim-" + attempt + "@example.com").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = login("victim-" + UUID.randomUUID() + "@example.com");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"AUTH_LOCKED\"");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    private HttpResponse<String> login(String email) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"some password guess\"}")).build(),
                BodyHandlers.ofString());
    }
}
