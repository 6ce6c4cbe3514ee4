package io.secureconnect.auth.account;

import static io.secureconnect.auth.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A deleted account is gone for good: sessions end, personal data is erased, and it cannot come back. */
@AuthServiceTest
@WithMail
class AccountDeletionIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestMailServer mail;

    private AuthClient auth;

    @BeforeEach
    void client() {
        auth = new AuthClient(port);
    }

    @Test
    void aDeletedAccountCanNeverBeUsedAgain() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann Deleted");
        AuthClient.Account bob = auth.newAccount("Bob Stays");

        assertThat(auth.send("DELETE", "/api/v1/users/me", ann.accessToken(), "{\"password\":\"wrong one\"}").statusCode())
                .isEqualTo(401);
        assertThat(auth.send("DELETE", "/api/v1/users/me", ann.accessToken(), "{\"password\":\"" + PASSWORD + "\"}")
                .statusCode()).isEqualTo(204);

        assertThat(auth.send("GET", "/api/v1/users/me", ann.accessToken(), null).statusCode()).isEqualTo(401);
        assertThat(auth.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + ann.refreshToken() + "\"}")
                .statusCode()).isEqualTo(401);
        assertThat(auth.send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + ann.email() + "\",\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(401);
        assertThat(auth.send("GET", "/api/v1/users/" + ann.id(), bob.accessToken(), null).statusCode()).isEqualTo(404);
        assertThat(auth.send("GET", "/api/v1/users/search?q=Ann%20Del", bob.accessToken(), null).body())
                .doesNotContain(ann.id().toString());
    }

    @Test
    void aDeletedAccountKeepsNoSecondFactor() throws Exception {
        AuthClient.Account ann = auth.newVerifiedAccount("Ann Two Steps", mail);
        auth.enrolTotp(ann.accessToken());
        assertThat(secondFactorRows(ann)).isPositive();

        assertThat(auth.send("DELETE", "/api/v1/users/me", ann.accessToken(), "{\"password\":\"" + PASSWORD + "\"}")
                .statusCode()).isEqualTo(204);

        assertThat(secondFactorRows(ann)).isZero();
    }

    private int secondFactorRows(AuthClient.Account account) {
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM mfa_totp WHERE user_id = ?)"
                + " + (SELECT count(*) FROM mfa_recovery_codes WHERE user_id = ?)", Integer.class, account.id(), account.id());
    }

    @Test
    void theEmailOfADeletedAccountIsFreeForANewOne() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann");
        auth.send("DELETE", "/api/v1/users/me", ann.accessToken(), "{\"password\":\"" + PASSWORD + "\"}");

        assertThat(auth.send("POST", "/api/v1/auth/register", null, "{\"email\":\"" + ann.email()
                + "\",\"password\":\"a brand new passphrase\",\"displayName\":\"Ann Again\"}").statusCode()).isEqualTo(201);
    }
}
