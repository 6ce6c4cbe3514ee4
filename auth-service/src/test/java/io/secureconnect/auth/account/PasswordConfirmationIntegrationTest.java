package io.secureconnect.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * S21: a password typed to confirm a change is guessed under the login lockout, so a stolen access token is no
 * unthrottled oracle for the password: five wrong guesses lock the account's email, for logins and changes alike.
 */
@AuthServiceTest
class PasswordConfirmationIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void wrongPasswordsOnAPasswordChangeLockTheAccountLikeFailedLogins() throws Exception {
        AuthClient auth = new AuthClient(port);
        AuthClient.Account ann = auth.newAccount("Ann");
        for (int i = 0; i < 5; i++) {
            var wrong = auth.send("POST", "/api/v1/users/me/password", ann.accessToken(),
                    "{\"currentPassword\":\"guess " + i + "\",\"newPassword\":\"an entirely new passphrase\"}");
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        }

        var rightButLocked = auth.send("DELETE", "/api/v1/users/me", ann.accessToken(),
                "{\"password\":\"" + AuthClient.PASSWORD + "\"}");
        var login = auth.send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + ann.email() + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");

        assertThat(rightButLocked.statusCode()).isEqualTo(429);
        assertThat(rightButLocked.body()).contains("AUTH_LOCKED");
        assertThat(login.statusCode()).isEqualTo(429);
        assertThat(auth.send("GET", "/api/v1/users/me", ann.accessToken(), null).statusCode())
                .as("the account was not deleted").isEqualTo(200);
    }

    @Test
    void aWrongPasswordOnAnEmailChangeIsRefusedAndCounted() throws Exception {
        AuthClient auth = new AuthClient(port);
        AuthClient.Account bob = auth.newAccount("Bob");

        var wrong = auth.send("POST", "/api/v1/users/me/email", bob.accessToken(),
                "{\"newEmail\":\"elsewhere-" + bob.email() + "\",\"password\":\"not it\"}");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("AUTH_INVALID_CREDENTIALS");
    }
}
