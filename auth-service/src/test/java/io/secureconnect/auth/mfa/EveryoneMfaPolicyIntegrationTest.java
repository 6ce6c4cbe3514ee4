package io.secureconnect.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** {@code SC_MFA_REQUIRED=everyone}: every account without a second factor signs in limited to enrolling one. */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = "secureconnect.auth.mfa.required=everyone")
class EveryoneMfaPolicyIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Test
    void everyAccountMustEnrolASecondFactor() throws Exception {
        AuthClient client = new AuthClient(port);
        String email = client.register("Anyone").get("email").asString();
        client.verifyEmail(mail.awaitMessageTo(email, Duration.ofSeconds(30)).body()); // a second factor needs it

        JsonNode first = client.login(email, AuthClient.PASSWORD);
        assertThat(first.get("mfaEnrolmentRequired").asBoolean()).isTrue();
        assertThat(client.send("GET", "/api/v1/users/me/contacts", first.get("accessToken").asString(), null).body())
                .contains("MFA_ENROLMENT_REQUIRED");

        client.enrolTotp(first.get("accessToken").asString());
        JsonNode second = client.login(email, AuthClient.PASSWORD);
        assertThat(second.get("mfaRequired").asBoolean()).isTrue();
        assertThat(second.has("mfaEnrolmentRequired")).isFalse();
    }
}
