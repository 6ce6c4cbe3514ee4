package io.secureconnect.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;


import io.secureconnect.auth.AuthServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A new user registers, logs in and uses the token; wrong credentials and bad input get clear, equal answers. */
@AuthServiceTest
class RegisterAndLoginIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct horse battery staple";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void newUserRegistersLogsInAndReadsOwnProfile() throws Exception {
        String email = uniqueEmail();

        HttpResponse<String> registered = post("/api/v1/auth/register",
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Ann\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode user = JSON.readTree(registered.body());
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("displayName").asString()).isEqualTo("Ann");
        assertThat(user.get("emailVerified").asBoolean()).isFalse();
        assertThat(user.has("passwordHash")).isFalse();

        JsonNode tokens = login(email, PASSWORD);
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.get("refreshToken").asString()).hasSizeGreaterThanOrEqualTo(43);

        HttpResponse<String> me = get("/api/v1/users/me", tokens.get("accessToken").asString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("id").asString()).isEqualTo(user.get("id").asString());
    }

    @Test
    void accessTokenVerifiesAgainstThePublishedKeysWithTheAgreedClaims() throws Exception {
        String email = register();
        String accessToken = login(email, PASSWORD).get("accessToken").asString();

        JWKSet keys = JWKSet.parse(get("/.well-known/jwks.json", null).body());
        SignedJWT jwt = SignedJWT.parse(accessToken);
        ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());

        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("secureconnect");
        assertThat(claims.getAudience()).containsExactly("secureconnect");
        assertThat(claims.getStringListClaim("roles")).containsExactly("user");
        assertThat(claims.getStringClaim("sid")).isNotBlank();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSameAnswer() throws Exception {
        String email = register();

        HttpResponse<String> wrongPassword = post("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"not the password at all\"}");
        HttpResponse<String> unknownAccount = post("/api/v1/auth/login",
                "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\"}");

        for (HttpResponse<String> response : java.util.List.of(wrongPassword, unknownAccount)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("AUTH_INVALID_CREDENTIALS");
        }
        assertThat(JSON.readTree(wrongPassword.body()).get("detail"))
                .isEqualTo(JSON.readTree(unknownAccount.body()).get("detail"));
    }

    @Test
    void anEmailCanBeRegisteredOnceWhateverItsCase() throws Exception {
        String email = register();

        HttpResponse<String> again = post("/api/v1/auth/register",
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Bob\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("code").asString()).isEqualTo("AUTH_EMAIL_TAKEN");
    }

    @Test
    void badInputIsAClientErrorNamingTheFields() throws Exception {
        assertThat(code(post("/api/v1/auth/login", "{bad"))).isEqualTo("400 MALFORMED_REQUEST");
        assertThat(code(post("/api/v1/auth/login", "[1,2]"))).isEqualTo("400 MALFORMED_REQUEST");
        assertThat(code(post("/api/v1/auth/register", "{\"email\":\"not-an-email\",\"password\":\"short\"}")))
                .isEqualTo("400 VALIDATION_FAILED");
        assertThat(post("/api/v1/auth/register", "{\"email\":\"not-an-email\",\"password\":\"short\"}").body())
                .contains("\"field\":\"email\"", "\"field\":\"password\"", "\"field\":\"displayName\"");
        assertThat(code(post("/api/v1/auth/register",
                "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"aaaaaaaaaaaaaaaa\",\"displayName\":\"A\"}")))
                .isEqualTo("400 AUTH_WEAK_PASSWORD");
        for (String common : new String[] {"password123456", "qwertyuiop123", "iloveyou12345"}) {
            assertThat(code(post("/api/v1/auth/register", "{\"email\":\"" + uniqueEmail() + "\",\"password\":\""
                    + common + "\",\"displayName\":\"A\"}"))).as(common).isEqualTo("400 AUTH_WEAK_PASSWORD");
        }
        assertThat(code(post("/api/v1/auth/register",
                "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + "p\u00e4ss\uD83D\uDD12".repeat(20)
                        + "\",\"displayName\":\"\u0000\"}"))).startsWith("400");
    }

    private String code(HttpResponse<String> response) {
        return response.statusCode() + " " + JSON.readTree(response.body()).get("code").asString();
    }

    private String register() throws Exception {
        String email = uniqueEmail();
        HttpResponse<String> response = post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Someone\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return email;
    }

    private JsonNode login(String email, String password) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"deviceName\":\"test\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = request(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }
}
