package io.secureconnect.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.ReceivedMail;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a user does with the emails auth-service sends, read from a real SMTP server: confirm the address, reset a
 * forgotten password, change it when logged in. Links work once; a new password ends every session.
 */
@AuthServiceTest
@WithMail
class EmailJourneyIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LINK_TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]+)");
    private static final String PASSWORD = "correct horse battery staple";
    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Test
    void theFullJourneyFromRegistrationToLogout() throws Exception {
        String email = register();

        ReceivedMail verification = mail.awaitMessageTo(email, Duration.ofSeconds(10));
        assertThat(verification.subject()).isEqualTo("Confirm your email address");
        String token = tokenIn(verification);
        assertThat(post("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}", null).statusCode()).isEqualTo(204);
        assertThat(post("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}", null).body())
                .as("a link works once").contains("AUTH_INVALID_TOKEN");

        JsonNode tokens = login(email, PASSWORD);
        String access = tokens.get("accessToken").asString();
        assertThat(SignedJWT.parse(access).getJWTClaimsSet().getBooleanClaim("email_verified")).isTrue();
        assertThat(JSON.readTree(get("/api/v1/users/me", access).body()).get("emailVerified").asBoolean()).isTrue();

        HttpResponse<String> refreshed = post("/api/v1/auth/refresh",
                "{\"refreshToken\":\"" + tokens.get("refreshToken").asString() + "\"}", null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + tokens.get("refreshToken").asString() + "\"}",
                null).statusCode()).as("the rotated refresh token is spent").isEqualTo(401);

        String fresh = login(email, PASSWORD).get("accessToken").asString();
        assertThat(post("/api/v1/auth/logout", "", fresh).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/users/me", fresh).statusCode()).isEqualTo(401);
    }

    @Test
    void aForgottenPasswordIsResetByEmailAndOldSessionsEnd() throws Exception {
        String email = register();
        mail.awaitMessageTo(email, Duration.ofSeconds(10)); // the verification mail
        String oldSession = login(email, PASSWORD).get("accessToken").asString();

        assertThat(post("/api/v1/auth/password-reset/request", "{\"email\":\"" + email + "\"}", null).statusCode())
                .isEqualTo(202);
        assertThat(post("/api/v1/auth/password-reset/request", "{\"email\":\"nobody-" + UUID.randomUUID()
                + "@example.com\"}", null).statusCode()).as("the same answer for unknown emails").isEqualTo(202);

        String token = tokenIn(mail.awaitMessageTo(email, Duration.ofSeconds(10)));
        String newPassword = "a completely new passphrase";
        assertThat(post("/api/v1/auth/password-reset/confirm",
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + newPassword + "\"}", null).statusCode()).isEqualTo(204);

        assertThat(get("/api/v1/users/me", oldSession).statusCode()).isEqualTo(401);
        assertThat(loginStatus(email, PASSWORD)).isEqualTo(401);
        assertThat(loginStatus(email, newPassword)).isEqualTo(200);
        assertThat(post("/api/v1/auth/password-reset/confirm",
                "{\"token\":\"" + token + "\",\"newPassword\":\"yet another passphrase\"}", null).body())
                .as("a reset link works once").contains("AUTH_INVALID_TOKEN");
    }

    @Test
    void aLoggedInUserChangesThePasswordWithTheCurrentOne() throws Exception {
        String email = register();
        String access = login(email, PASSWORD).get("accessToken").asString();

        assertThat(post("/api/v1/users/me/password",
                "{\"currentPassword\":\"not it at all\",\"newPassword\":\"another fine passphrase\"}", access).statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/users/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"another fine passphrase\"}", access).statusCode())
                .isEqualTo(204);

        assertThat(loginStatus(email, "another fine passphrase")).isEqualTo(200);
        assertThat(get("/api/v1/users/me", access).statusCode()).as("sessions end with the old password").isEqualTo(401);
    }

    @Test
    void anEmailChangeTakesEffectOnlyWhenTheNewAddressConfirms() throws Exception {
        String email = register();
        mail.awaitMessageTo(email, Duration.ofSeconds(10)); // the verification mail
        String access = login(email, PASSWORD).get("accessToken").asString();
        String newEmail = "moved-" + UUID.randomUUID() + "@example.com";

        assertThat(post("/api/v1/users/me/email", "{\"newEmail\":\"" + newEmail + "\",\"password\":\"wrong password\"}",
                access).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/users/me/email", "{\"newEmail\":\"" + newEmail + "\",\"password\":\"" + PASSWORD + "\"}",
                access).statusCode()).isEqualTo(202);
        assertThat(loginStatus(email, PASSWORD)).as("nothing changes before confirmation").isEqualTo(200);

        String token = tokenIn(mail.awaitMessageTo(newEmail, Duration.ofSeconds(10)));
        assertThat(post("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}", null).statusCode()).isEqualTo(204);

        assertThat(loginStatus(newEmail, PASSWORD)).isEqualTo(200);
        assertThat(loginStatus(email, PASSWORD)).isEqualTo(401);
        assertThat(JSON.readTree(get("/api/v1/users/me", access).body()).get("email").asString()).isEqualTo(newEmail);
    }

    private static String tokenIn(ReceivedMail received) {
        Matcher link = LINK_TOKEN.matcher(received.body());
        assertThat(link.find()).as(received.body()).isTrue();
        return link.group(1);
    }

    private String register() throws Exception {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Someone\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return email;
    }

    private JsonNode login(String email, String password) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int loginStatus(String email, String password) throws Exception {
        return post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null)
                .statusCode();
    }

    private HttpResponse<String> post(String path, String json, String token) throws Exception {
        return new AuthClient(port).send("POST", path, token, json);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return new AuthClient(port).send("GET", path, token, null);
    }
}
