package io.secureconnect.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.ReceivedMail;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What keeps a second factor from being planted (docs/identity.md, TOTP): only an account with a verified email
 * enrols, one that already has a second factor only with its password, and the user is mailed when one is added.
 */
@AuthServiceTest
@WithMail
class TotpEnrolmentSafeguardsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Autowired
    JdbcClient jdbc;

    private AuthClient client;

    @BeforeEach
    void client() {
        client = new AuthClient(port);
    }

    @Test
    void anAccountWhoseEmailIsNotVerifiedCannotEnrol() throws Exception {
        AuthClient.Account squatter = client.newAccount("Someone else's address");

        HttpResponse<String> refused = client.send("POST", "/api/v1/users/me/mfa/totp", squatter.accessToken(), null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"MFA_EMAIL_UNVERIFIED\"");
        assertThat(client.send("GET", "/api/v1/users/me/mfa", squatter.accessToken(), null).body())
                .contains("\"totp\":false");
    }

    @Test
    void withAPasskeyInPlaceEnrollingTotpNeedsThePassword() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        passkeyOf(ann);

        HttpResponse<String> bare = client.send("POST", "/api/v1/users/me/mfa/totp", ann.accessToken(), null);
        HttpResponse<String> wrong = client.send("POST", "/api/v1/users/me/mfa/totp", ann.accessToken(),
                "{\"password\":\"not her password\"}");
        HttpResponse<String> right = client.send("POST", "/api/v1/users/me/mfa/totp", ann.accessToken(),
                "{\"password\":\"" + AuthClient.PASSWORD + "\"}");

        assertThat(bare.statusCode()).isEqualTo(401);
        assertThat(bare.body()).contains("\"code\":\"AUTH_INVALID_CREDENTIALS\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"code\":\"AUTH_INVALID_CREDENTIALS\"");
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(right.body()).contains("\"otpauthUri\":\"otpauth://totp/");
    }

    @Test
    void theUserIsMailedWhenTwoStepSignInIsTurnedOn() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);

        client.enrolTotp(ann.accessToken());

        ReceivedMail notice = mail.awaitMessageTo(ann.email(), Duration.ofSeconds(30));
        assertThat(notice.subject()).isEqualTo("Two-step sign-in was turned on for your account");
        assertThat(notice.body()).contains("an authenticator app").contains("If this was not you, reset your password");
    }

    /** A passkey row as a registration through the browser leaves it (the passkey tests register real ones). */
    private void passkeyOf(AuthClient.Account account) {
        jdbc.sql("""
                INSERT INTO passkeys (id, user_id, credential_id, name, public_key_cose, signature_count, uv_initialized,
                    backup_eligible, backup_state, transports, attestation_object, attestation_client_data, created_at)
                VALUES (:id, :user, :credential, 'Laptop', '\\x00', 0, true, false, false, '', '\\x00', '\\x00', now())
                """).param("id", UUID.randomUUID()).param("user", account.id())
                .param("credential", UUID.randomUUID().toString().getBytes()).update();
    }
}
