package io.secureconnect.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.ReceivedMail;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What keeps a second factor from being planted unnoticed (docs/identity.md, TOTP): the user is mailed when one is
 * added.
 */
@AuthServiceTest
@WithMail
class TotpEnrolmentSafeguardsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    private AuthClient client;

    @BeforeEach
    void client() {
        client = new AuthClient(port);
    }

    @Test
    void theUserIsMailedWhenTwoStepSignInIsTurnedOn() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);

        client.enrolTotp(ann.accessToken());

        ReceivedMail notice = mail.awaitMessageTo(ann.email(), Duration.ofSeconds(30));
        assertThat(notice.subject()).isEqualTo("Two-step sign-in was turned on for your account");
        assertThat(notice.body()).contains("an authenticator app").contains("If this was not you, reset your password");
    }
}
