package io.secureconnect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test client of auth-service over real HTTP: accounts in one line, then plain requests with a token. */
public final class AuthClient {

    public static final String PASSWORD = "correct horse battery staple";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern VERIFICATION_LINK = Pattern.compile("verify-email\\?token=([A-Za-z0-9_-]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public AuthClient(int port) {
        this.port = port;
    }

    /** A registered, logged-in user. */
    public record Account(String email, UUID id, String accessToken, String refreshToken) {
    }

    public Account newAccount(String displayName) throws Exception {
        JsonNode user = register(displayName);
        String email = user.get("email").asString();
        JsonNode tokens = login(email, PASSWORD);
        return new Account(email, UUID.fromString(user.get("id").asString()),
                tokens.get("accessToken").asString(), tokens.get("refreshToken").asString());
    }

    /** Registers a new account with {@link #PASSWORD} and returns its profile; no session is opened. */
    public JsonNode register(String displayName) throws Exception {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = send("POST", "/api/v1/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + displayName + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body());
    }

    public JsonNode login(String email, String password) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Follows the verification link in a mail's body, as its recipient would. */
    public void verifyEmail(String mailBody) throws Exception {
        Matcher link = VERIFICATION_LINK.matcher(mailBody);
        assertThat(link.find()).as(mailBody).isTrue();
        HttpResponse<String> verified = send("POST", "/api/v1/auth/verify-email", null,
                "{\"token\":\"" + link.group(1) + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);
    }

    public HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
