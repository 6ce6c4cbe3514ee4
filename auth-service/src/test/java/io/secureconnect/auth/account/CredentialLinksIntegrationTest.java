package io.secureconnect.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * S14: links mailed before a reset, a password change or a logout everywhere are dead afterwards, so whoever reads an
 * old mailbox (or a forwarded mail) cannot undo what the user just did.
 */
@AuthServiceTest
@WithMail
class CredentialLinksIntegrationTest {

    private static final Pattern LINK_TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]+)");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String NEW_PASSWORD = "an entirely new passphrase";

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Test
    void anOlderResetLinkIsDeadOnceTheUserHasResetWithANewerOne() throws Exception {
        // given a user who asked for a reset twice
        AuthClient auth = new AuthClient(port);
        AuthClient.Account ann = auth.newAccount("Ann");
        mail.awaitMessageTo(ann.email(), PATIENCE); // the verification mail
        String older = resetLink(auth, ann.email());
        String newer = resetLink(auth, ann.email());

        // when the newer link sets a new password
        assertThat(confirm(auth, newer, NEW_PASSWORD).statusCode()).isEqualTo(204);

        // then the older one can no longer set another
        var refused = confirm(auth, older, "the attacker's own passphrase");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("AUTH_INVALID_TOKEN");
        auth.login(ann.email(), NEW_PASSWORD);
    }

    @Test
    void aResetLinkIsDeadAfterLogoutEverywhere() throws Exception {
        AuthClient auth = new AuthClient(port);
        AuthClient.Account bob = auth.newAccount("Bob");
        mail.awaitMessageTo(bob.email(), PATIENCE);
        String link = resetLink(auth, bob.email());

        assertThat(auth.send("POST", "/api/v1/auth/logout-all", bob.accessToken(), null).statusCode()).isEqualTo(204);

        assertThat(confirm(auth, link, NEW_PASSWORD).body()).contains("AUTH_INVALID_TOKEN");
        auth.login(bob.email(), AuthClient.PASSWORD); // the password is unchanged
    }

    @Test
    void anEmailChangeLinkIsDeadAfterAPasswordChange() throws Exception {
        AuthClient auth = new AuthClient(port);
        AuthClient.Account cleo = auth.newAccount("Cleo");
        String newAddress = "moved-" + cleo.email();
        assertThat(auth.send("POST", "/api/v1/users/me/email", cleo.accessToken(), "{\"newEmail\":\"" + newAddress
                + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}").statusCode()).isEqualTo(202);
        String change = tokenIn(mail.awaitMessageTo(newAddress, PATIENCE).body());

        assertThat(auth.send("POST", "/api/v1/users/me/password", cleo.accessToken(), "{\"currentPassword\":\""
                + AuthClient.PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}").statusCode()).isEqualTo(204);

        var refused = auth.send("POST", "/api/v1/auth/verify-email", null, "{\"token\":\"" + change + "\"}");
        assertThat(refused.body()).contains("AUTH_INVALID_TOKEN");
        auth.login(cleo.email(), NEW_PASSWORD); // still at the old address
    }

    /** S3: reset mails to one address are limited per hour, whoever asks and from wherever; the answer stays 202. */
    @Test
    void aMailboxGetsAtMostThreeResetMailsAnHour() throws Exception {
        AuthClient auth = new AuthClient(port);
        AuthClient.Account dan = auth.newAccount("Dan");
        mail.awaitMessageTo(dan.email(), PATIENCE);
        for (int i = 0; i < 3; i++) {
            resetLink(auth, dan.email());
        }

        var fourth = auth.send("POST", "/api/v1/auth/password-reset/request", null, "{\"email\":\"" + dan.email() + "\"}");

        assertThat(fourth.statusCode()).as("the same answer as for any address").isEqualTo(202);
        assertThat(mail.receivedMessages()).filteredOn(received -> received.to().equalsIgnoreCase(dan.email()))
                .as("the verification mail and three reset mails").hasSize(4);
    }

    private String resetLink(AuthClient auth, String email) throws Exception {
        assertThat(auth.send("POST", "/api/v1/auth/password-reset/request", null, "{\"email\":\"" + email + "\"}")
                .statusCode()).isEqualTo(202);
        return tokenIn(mail.awaitMessageTo(email, PATIENCE).body());
    }

    private static HttpResponse<String> confirm(AuthClient auth, String token, String password)
            throws Exception {
        return auth.send("POST", "/api/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + password + "\"}");
    }

    private static String tokenIn(String body) {
        Matcher link = LINK_TOKEN.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group(1);
    }
}
