package io.secureconnect.auth.passkey;

import static io.secureconnect.auth.passkey.PasskeyClient.ORIGIN;
import static io.secureconnect.auth.passkey.PasskeyClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthClient.Account;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * {@code SC_MFA_REQUIRED=everyone}: a passkey is a way to meet the policy. The token limited to enrolling a second
 * factor may add one, and from then on the password asks for it; a passwordless sign-in is already two factors.
 */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = "secureconnect.auth.mfa.required=everyone")
class PasskeyEnrolmentIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Test
    void aPasskeyAddedWithTheEnrolmentTokenMeetsThePolicy() throws Exception {
        AuthClient client = new AuthClient(port);
        PasskeyClient passkeys = new PasskeyClient(client);
        JsonNode profile = client.register("Ann");
        String email = profile.get("email").asString();
        client.verifyEmail(mail.awaitMessageTo(email).body());
        JsonNode limited = client.login(email, AuthClient.PASSWORD);
        assertThat(limited.get("mfaEnrolmentRequired").asBoolean()).isTrue();
        Account ann = new Account(email, UUID.fromString(profile.get("id").asString()),
                limited.get("accessToken").asString(), limited.get("refreshToken").asString());
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

        passkeys.register(ann, authenticator, "Laptop");

        assertThat(passkeys.get("/api/v1/users/me/mfa", ann.accessToken()).get("passkeys").asInt()).isEqualTo(1);
        JsonNode next = client.login(email, AuthClient.PASSWORD);
        assertThat(next.get("mfaRequired").asBoolean()).isTrue();
        assertThat(next.get("methods").values()).extracting(JsonNode::asString).containsExactly("passkey");
        HttpResponse<String> passwordless = passkeys.passwordless(authenticator, ORIGIN, true);
        assertThat(passwordless.statusCode()).as(passwordless.body()).isEqualTo(200);
        assertThat(json(passwordless).has("mfaEnrolmentRequired")).isFalse();
        assertThat(client.send("GET", "/api/v1/users/me/contacts", json(passwordless).get("accessToken").asString(),
                null).statusCode()).isEqualTo(200);
    }
}
