package io.secureconnect.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;


import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finding people to talk to, and keeping one's own profile: public profiles show a name and whether the email is
 * verified, nothing more. S8: an exact email finds only a verified account that allows it, a limited number of
 * times an hour.
 */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = "secureconnect.auth.email-lookups-per-hour=5")
class UserDirectoryIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct horse battery staple";
    private final HttpClient http = HttpClient.newHttpClient();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    private String token;

    @BeforeEach
    void aLoggedInUser() throws Exception {
        String email = register("Searcher " + tag);
        token = JSON.readTree(post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                .body()).get("accessToken").asString();
    }

    @Test
    void namePrefixSearchPagesThroughEveryMatchOnce() throws Exception {
        for (String name : List.of("Zed" + tag + " Alpha", "zed" + tag + " Beta", "ZED" + tag + " Gamma", "Other " + tag)) {
            register(name);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(get("/api/v1/users/search?limit=2&q=" + encode("zed" + tag)
                    + (cursor == null ? "" : "&cursor=" + cursor)).body());
            page.get("items").forEach(item -> {
                seen.add(item.get("displayName").asString());
                assertThat(item.has("email")).isFalse();
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).containsExactly("Zed" + tag + " Alpha", "zed" + tag + " Beta", "ZED" + tag + " Gamma");
    }

    @Test
    void exactEmailFindsOneVerifiedPublicProfile() throws Exception {
        String email = registerVerified("Findable " + tag);

        JsonNode items = JSON.readTree(get("/api/v1/users/search?email=" + encode(email.toUpperCase())).body()).get("items");

        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("displayName").asString()).isEqualTo("Findable " + tag);
        assertThat(items.get(0).get("emailVerified").asBoolean()).isTrue();
        String id = items.get(0).get("id").asString();
        JsonNode profile = JSON.readTree(get("/api/v1/users/" + id).body());
        assertThat(profile.get("displayName").asString()).isEqualTo("Findable " + tag);
        assertThat(profile.get("emailVerified").asBoolean()).isTrue();
        assertThat(profile.has("email")).isFalse();
        assertThat(get("/api/v1/users/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnverifiedAccountIsNotFoundByEmail() throws Exception {
        // given someone registered an address without proving they hold it
        String email = register("Unproven " + tag);

        // when it is looked up, then nothing is found: the same answer as for an address nobody registered
        assertThat(JSON.readTree(get("/api/v1/users/search?email=" + encode(email)).body()).get("items")).isEmpty();
        // and its public profile, reached otherwise, says it is unverified
        String id = JSON.readTree(get("/api/v1/users/search?q=" + encode("Unproven " + tag)).body())
                .get("items").get(0).get("id").asString();
        assertThat(JSON.readTree(get("/api/v1/users/" + id).body()).get("emailVerified").asBoolean()).isFalse();
    }

    @Test
    void anAccountThatTurnedEmailLookupOffIsNotFound() throws Exception {
        // given a verified user who does not want to be found by email
        String email = registerVerified("Private " + tag);
        AuthClient auth = new AuthClient(port);
        String own = auth.login(email, PASSWORD).get("accessToken").asString();
        HttpResponse<String> changed = auth.send("PATCH", "/api/v1/users/me", own, "{\"findableByEmail\":false}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).get("findableByEmail").asBoolean()).isFalse();

        // when someone looks the address up, then nothing is found
        assertThat(JSON.readTree(get("/api/v1/users/search?email=" + encode(email)).body()).get("items")).isEmpty();

        // and turning it back on makes it findable again
        auth.send("PATCH", "/api/v1/users/me", own, "{\"findableByEmail\":true}");
        assertThat(JSON.readTree(get("/api/v1/users/search?email=" + encode(email)).body()).get("items")).hasSize(1);
    }

    @Test
    void emailLookupsAreLimitedPerUserAndHour() throws Exception {
        // given a user who has spent the hour's budget of 5 lookups (found or not)
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/users/search?email=" + encode("probe-" + i + "@example.com")).statusCode()).isEqualTo(200);
        }

        // when they look up another address
        HttpResponse<String> refused = get("/api/v1/users/search?email=" + encode("probe-5@example.com"));

        // then they are refused with a stable code, and name search still works
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(get("/api/v1/users/search?q=" + encode("Searcher " + tag)).statusCode()).isEqualTo(200);
    }

    @Test
    void ownDisplayNameCanBeChanged() throws Exception {
        HttpResponse<String> changed = http.send(request("/api/v1/users/me").header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"displayName\":\" Renamed " + tag + " \"}")).build(),
                BodyHandlers.ofString());

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/api/v1/users/me").body()).get("displayName").asString()).isEqualTo("Renamed " + tag);

        UUID avatar = UUID.randomUUID();
        http.send(request("/api/v1/users/me").header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"avatarFileId\":\"" + avatar + "\"}")).build(), BodyHandlers.ofString());
        JsonNode me = JSON.readTree(get("/api/v1/users/me").body());
        assertThat(me.get("avatarFileId").asString()).isEqualTo(avatar.toString());
        assertThat(me.get("displayName").asString()).as("untouched when not given").isEqualTo("Renamed " + tag);
    }

    @Test
    void badSearchesAreClientErrors() throws Exception {
        assertThat(get("/api/v1/users/search?q=a").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/users/search").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/users/search?q=abc&cursor=not-a-cursor").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/users/search?q=abc&limit=1000").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/users/not-a-uuid").statusCode()).isEqualTo(400);
    }

    private String register(String displayName) throws Exception {
        String email = "u-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + displayName + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return email;
    }

    private String registerVerified(String displayName) throws Exception {
        String email = register(displayName);
        new AuthClient(port).verifyEmail(mail.awaitMessageTo(email).body());
        return email;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token);
    }
}
