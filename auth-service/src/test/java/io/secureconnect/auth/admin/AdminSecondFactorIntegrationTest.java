package io.secureconnect.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.ReceivedMail;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The default policy, {@code SC_MFA_REQUIRED=admins}, as an administrator meets it: the first login gives a token good
 * only for enrolling a second factor, the admin API wants a session opened with one, the user list shows how each
 * account signs in, and an administrator can reset a user's second factors (the user is mailed).
 */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = "secureconnect.auth.admin-email=" + AdminSecondFactorIntegrationTest.ADMIN_EMAIL)
class AdminSecondFactorIntegrationTest {

    static final String ADMIN_EMAIL = "mfa-admin@example.com";

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Test
    void anAdministratorEnrolsASecondFactorBeforeUsingTheAdminApi() throws Exception {
        AuthClient client = new AuthClient(port);
        client.send("POST", "/api/v1/auth/register", null, "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\""
                + AuthClient.PASSWORD + "\",\"displayName\":\"Admin\"}");
        client.verifyEmail(mail.awaitMessageTo(ADMIN_EMAIL, Duration.ofSeconds(30)).body());

        JsonNode first = client.login(ADMIN_EMAIL, AuthClient.PASSWORD);
        assertThat(first.get("mfaEnrolmentRequired").asBoolean()).isTrue();
        String limited = first.get("accessToken").asString();
        assertThat(claims(limited).get("mfa_enrolment").asBoolean()).isTrue();

        // the limited token: its profile and the second-factor settings, nothing else
        assertThat(client.send("GET", "/api/v1/users/me", limited, null).statusCode()).isEqualTo(200);
        assertThat(client.send("GET", "/api/v1/users/me/mfa", limited, null).body()).contains("\"required\":true");
        for (String[] route : new String[][] {{"GET", "/api/v1/users/me/sessions"}, {"GET", "/api/v1/admin/stats"},
                {"PATCH", "/api/v1/users/me"}, {"GET", "/api/v1/users/me/contacts"}}) {
            HttpResponse<String> refused = client.send(route[0], route[1], limited, route[0].equals("PATCH")
                    ? "{\"displayName\":\"Boss\"}" : null);
            assertThat(refused.statusCode()).as(route[1]).isEqualTo(403);
            assertThat(refused.body()).as(route[1]).contains("\"code\":\"MFA_ENROLMENT_REQUIRED\"");
        }

        AuthClient.TotpEnrolment totp = client.enrolTotp(limited);
        // a refresh after enrolling lifts the limit, but this session was not opened with the second factor
        HttpResponse<String> refreshed = client.send("POST", "/api/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + first.get("refreshToken").asString() + "\"}");
        String unlimited = AuthClient.JSON.readTree(refreshed.body()).get("accessToken").asString();
        assertThat(claims(unlimited).has("mfa_enrolment")).isFalse();
        // nor does its token carry the admin role, so no service's role check (storage's quotas too) lets it through
        assertThat(claims(unlimited).get("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(client.send("GET", "/api/v1/users/me/sessions", unlimited, null).statusCode()).isEqualTo(200);
        HttpResponse<String> noMfa = client.send("GET", "/api/v1/admin/stats", unlimited, null);
        assertThat(noMfa.statusCode()).isEqualTo(403);
        assertThat(noMfa.body()).contains("\"code\":\"ADMIN_MFA_REQUIRED\"");

        AuthClient.Devices devices = new AuthClient.Devices();
        devices.put(ADMIN_EMAIL, totp.device());
        String admin = client.loginWithSecondFactor(ADMIN_EMAIL, AuthClient.PASSWORD, devices)
                .get("accessToken").asString();
        assertThat(client.send("GET", "/api/v1/admin/stats", admin, null).statusCode()).isEqualTo(200);
        assertThat(claims(admin).get("roles").toString()).contains("\"admin\"");

        // the user list shows how each account signs in
        AuthClient.Account user = client.newVerifiedAccount("Lost Phone", mail);
        client.enrolTotp(user.accessToken());
        JsonNode listed = AuthClient.JSON.readTree(client.send("GET", "/api/v1/admin/users?search="
                + user.email().substring(0, 13), admin, null).body()).get("items").get(0);
        assertThat(listed.get("email").asString()).isEqualTo(user.email());
        assertThat(listed.get("signIn").toString())
                .isEqualTo("{\"password\":true,\"totp\":true,\"passkeys\":0,\"sso\":[]}");

        // and an administrator resets them: the user signs in with the password alone and is told by mail
        HttpResponse<String> reset = client.send("POST", "/api/v1/admin/users/" + user.id() + "/mfa/reset", admin, null);
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        assertThat(client.login(user.email(), AuthClient.PASSWORD).has("accessToken")).isTrue();
        assertThat(client.send("GET", "/api/v1/users/me/mfa", user.accessToken(), null).body())
                .contains("\"totp\":false", "\"recoveryCodesLeft\":0");
        assertThat(mail.awaitMessageTo(user.email(), Duration.ofSeconds(30)).subject()) // when TOTP went on
                .isEqualTo("Two-step sign-in was turned on for your account");
        ReceivedMail notice = mail.awaitMessageTo(user.email(), Duration.ofSeconds(30));
        assertThat(notice.subject()).isEqualTo("Your two-step sign-in was reset");
        assertThat(client.send("POST", "/api/v1/admin/users/" + java.util.UUID.randomUUID() + "/mfa/reset", admin,
                null).statusCode()).isEqualTo(404);
        // a user is no administrator
        assertThat(client.send("POST", "/api/v1/admin/users/" + user.id() + "/mfa/reset", user.accessToken(), null)
                .statusCode()).isEqualTo(403);
    }

    private static JsonNode claims(String jwt) {
        return AuthClient.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8));
    }
}
