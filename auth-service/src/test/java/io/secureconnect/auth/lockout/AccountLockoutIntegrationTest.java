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

/**
 * Five wrong passwords lock an email for a while, even against the right password, and an email without an
 * account locks exactly the same way, so the lock says nothing about who has an account.
 */
@AuthServiceTest
class AccountLockoutIntegrationTest {

    private static final String PASSWORD = "correct horse battery staple";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        String email = "lock-" + UUID.randomUUID() + "@example.com";
        assertThat(post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"L\"}").statusCode())
                .isEqualTo(201);

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(login(email, "wrong password " + attempt).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login(email, PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("\"code\":\"AUTH_LOCKED\"");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(800L, 900L);
    }

    @Test
    void anEmailWithoutAccountLocksTheSameWay() throws Exception {
        String email = "nobody-" + UUID.randomUUID() + "@example.com";

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(login(email, "guess " + attempt).statusCode()).isEqualTo(401);
        }

        assertThat(login(email, PASSWORD).body()).contains("\"code\":\"AUTH_LOCKED\"");
    }

    @Test
    void aSuccessfulLoginForgivesEarlierFailures() throws Exception {
        String email = "forgive-" + UUID.randomUUID() + "@example.com";
        post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"F\"}");

        for (int attempt = 1; attempt <= 4; attempt++) {
            login(email, "typo " + attempt);
        }
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
        for (int attempt = 1; attempt <= 4; attempt++) {
            login(email, "typo again " + attempt);
        }

        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> login(String email, String password) throws Exception {
        return post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)).build(),
                BodyHandlers.ofString());
    }
}
