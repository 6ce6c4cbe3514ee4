package io.secureconnect.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The address in SC_ADMIN_EMAIL makes an administrator only of the account that proves it holds that address:
 * registering it first is not enough (anyone can register any address), and an administrator whose address is no
 * longer verified is refused.
 */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = "secureconnect.auth.admin-email=Owner@Example.com")
class ConfiguredAdministratorIntegrationTest {

    static final String OWNER = "owner@example.com";
    private static final String ADMIN_ROUTE = "/api/v1/admin/stats";

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Autowired
    JdbcClient jdbc;

    @Test
    void registeringTheAdminAddressGivesNoAdminRightsUntilTheAddressIsVerified() throws Exception {
        // given someone who registers the configured address without owning the mailbox
        AuthClient auth = new AuthClient(port);
        var registered = auth.send("POST", "/api/v1/auth/register", null, "{\"email\":\"" + OWNER
                + "\",\"password\":\"" + AuthClient.PASSWORD + "\",\"displayName\":\"Squatter\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String unverified = auth.login(OWNER, AuthClient.PASSWORD).get("accessToken").asString();

        // then the admin API refuses them
        assertThat(auth.send("GET", ADMIN_ROUTE, unverified, null).statusCode()).isEqualTo(403);

        // when the owner of the mailbox follows the link and logs in again
        auth.verifyEmail(mail.awaitMessageTo(OWNER, Duration.ofSeconds(30)).body());
        // (policy requires a second factor of administrators: they enrol TOTP at their first login, then use it)
        String verified = auth.loginWithSecondFactor(OWNER, AuthClient.PASSWORD, new AuthClient.Devices())
                .get("accessToken").asString();

        // then the account is an administrator
        var stats = auth.send("GET", ADMIN_ROUTE, verified, null);
        assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);

        // and when the address stops being verified, the admin token no longer opens the admin API
        jdbc.sql("UPDATE users SET email_verified = false WHERE email = :email").param("email", OWNER).update();
        var refused = auth.send("GET", ADMIN_ROUTE, verified, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("verify");
    }

    @Test
    void otherAccountsNeverBecomeAdministratorsByVerifying() throws Exception {
        AuthClient auth = new AuthClient(port);
        AuthClient.Account someone = auth.newAccount("Someone " + UUID.randomUUID());
        auth.verifyEmail(mail.awaitMessageTo(someone.email(), Duration.ofSeconds(30)).body());

        String token = auth.login(someone.email(), AuthClient.PASSWORD).get("accessToken").asString();

        assertThat(auth.send("GET", ADMIN_ROUTE, token, null).statusCode()).isEqualTo(403);
    }
}
