package io.secureconnect.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.web.ApiException;

import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rules of logging in, run through the {@link LoggingIn} use case itself against the real database: the lockout
 * gate first, then the account rules, and password confirmations under the same lockout.
 */
@AuthServiceTest
class LoginPoliciesIntegrationTest {

    private static final List<String> FIVE_GUESSES = List.of("one", "two", "three", "four", "five");

    @LocalServerPort
    int port;

    @Autowired
    LoggingIn loggingIn;

    @Autowired
    PasswordConfirmation passwordConfirmation;

    @Autowired
    List<LoginPolicy> policies;

    @Autowired
    UserRepository users;

    @Autowired
    JdbcClient jdbc;

    private User ann;
    private String address;

    @BeforeEach
    void anAccountAndAnAddressOfItsOwn() throws Exception {
        UUID id = UUID.fromString(new AuthClient(port).register("Ann").get("id").asString());
        ann = users.findById(id).orElseThrow();
        address = "client-" + UUID.randomUUID(); // an address no other test's failures count against
    }

    @Test
    void theLockoutGateRunsBeforeTheBanRuleAndTheSecondFactorComesLast() {
        assertThat(policies).extracting(policy -> policy.getClass().getSimpleName())
                .containsSubsequence("LoginThrottle", "BannedAccountLogins", "SecondFactorLogins")
                .last().isEqualTo("SecondFactorLogins");
    }

    @Test
    void logsInWithTheRightPasswordAndForgivesEarlierFailures() {
        for (String guess : List.of("one", "two", "three", "four")) {
            assertThatThrownBy(() -> loggingIn.logIn(attempt(guess))).satisfies(refusedWith("AUTH_INVALID_CREDENTIALS"));
        }

        assertThat(loggingIn.logIn(attempt(AuthClient.PASSWORD)).accessToken()).isNotBlank();
        assertThat(failuresOf(ann.email())).isZero();
    }

    @Test
    void refusesAnUnknownAccountExactlyLikeAWrongPassword() {
        LogIn unknown = new LogIn("nobody-" + UUID.randomUUID() + "@example.com", AuthClient.PASSWORD, null, address, null);

        assertThatThrownBy(() -> loggingIn.logIn(unknown)).satisfies(refusedWith("AUTH_INVALID_CREDENTIALS"));
        assertThatThrownBy(() -> loggingIn.logIn(attempt("wrong"))).satisfies(refusedWith("AUTH_INVALID_CREDENTIALS"));
        assertThat(failuresOf(unknown.email())).isEqualTo(1);
    }

    @Test
    void refusesTheRightPasswordOfABannedAccountWithItsBan() {
        banned(ann);

        assertThatThrownBy(() -> loggingIn.logIn(attempt(AuthClient.PASSWORD))).satisfies(refusedWith("AUTH_ACCOUNT_BANNED"));
    }

    @Test
    void refusesLoginOfBannedAccountOnlyAfterLockoutGate() {
        banned(ann);
        for (String guess : FIVE_GUESSES) {
            assertThatThrownBy(() -> loggingIn.logIn(attempt(guess))).satisfies(refusedWith("AUTH_INVALID_CREDENTIALS"));
        }

        assertThatThrownBy(() -> loggingIn.logIn(attempt(AuthClient.PASSWORD))).satisfies(refusedWith("AUTH_LOCKED"));
    }

    @Test
    void countsAWrongPasswordConfirmationAsAFailedLoginOfTheSameAccount() {
        for (String guess : FIVE_GUESSES) {
            assertThatThrownBy(() -> passwordConfirmation.confirm(ann, guess, "auth.password_change", address))
                    .satisfies(refusedWith("AUTH_INVALID_CREDENTIALS"));
        }

        assertThatThrownBy(() -> passwordConfirmation.confirm(ann, AuthClient.PASSWORD, "auth.password_change", address))
                .satisfies(refusedWith("AUTH_LOCKED"));
        assertThatThrownBy(() -> loggingIn.logIn(attempt(AuthClient.PASSWORD))).satisfies(refusedWith("AUTH_LOCKED"));
    }

    @Test
    void aRightPasswordConfirmationForgivesNothing() {
        assertThatThrownBy(() -> passwordConfirmation.confirm(ann, "guess", "auth.password_change", address))
                .satisfies(refusedWith("AUTH_INVALID_CREDENTIALS"));

        passwordConfirmation.confirm(ann, AuthClient.PASSWORD, "auth.password_change", address);

        assertThat(failuresOf(ann.email())).isEqualTo(1);
    }

    private LogIn attempt(String password) {
        return new LogIn(ann.email().toUpperCase(), password, "test device", address, "JUnit");
    }

    private void banned(User user) {
        jdbc.sql("INSERT INTO user_bans (user_id, reason, banned_by, banned_at) VALUES (:user, 'spam in every group', :user, :now)")
                .param("user", user.id()).param("now", Timestamp.from(Instant.now())).update();
    }

    private int failuresOf(String email) {
        return jdbc.sql("SELECT count(*) FROM login_failures WHERE email = :email").param("email", email)
                .query(Integer.class).single();
    }

    private static ThrowingConsumer<Throwable> refusedWith(String code) {
        return thrown -> assertThat(((ApiException) thrown).code().name()).isEqualTo(code);
    }
}
