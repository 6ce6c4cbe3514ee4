package io.secureconnect.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.test.context.TestPropertySource;

/** Links past their lifetime do nothing: here every link is issued already expired. */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = {"secureconnect.auth.reset-token-ttl=0s", "secureconnect.auth.verification-token-ttl=0s"})
class ExpiredLinkIntegrationTest {

    private static final Pattern LINK_TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]+)");

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Test
    void expiredVerificationAndResetLinksAreRefused() throws Exception {
        AuthClient auth = new AuthClient(port);
        AuthClient.Account ann = auth.newAccount("Ann");
        String verification = tokenIn(mail.awaitMessageTo(ann.email(), Duration.ofSeconds(10)).body());
        auth.send("POST", "/api/v1/auth/password-reset/request", null, "{\"email\":\"" + ann.email() + "\"}");
        String reset = tokenIn(mail.awaitMessageTo(ann.email(), Duration.ofSeconds(10)).body());

        assertThat(auth.send("POST", "/api/v1/auth/verify-email", null, "{\"token\":\"" + verification + "\"}").body())
                .contains("AUTH_INVALID_TOKEN");
        assertThat(auth.send("POST", "/api/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + reset + "\",\"newPassword\":\"an entirely new passphrase\"}").body())
                .contains("AUTH_INVALID_TOKEN");
        auth.login(ann.email(), AuthClient.PASSWORD); // the old password still works
    }

    private static String tokenIn(String body) {
        Matcher link = LINK_TOKEN.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group(1);
    }
}
