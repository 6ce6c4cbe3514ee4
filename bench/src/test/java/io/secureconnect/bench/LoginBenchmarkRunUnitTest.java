package io.secureconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.secureconnect.bench.auth.AuthStub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench/run login against a stub auth-service: setup, the three phases, the default rate, failing fast. */
class LoginBenchmarkRunUnitTest {

    private static final String REGISTER = "POST /api/v1/auth/register";
    private static final String LOGIN = "POST /api/v1/auth/login";
    private static final String ME = "GET /api/v1/users/me";

    @TempDir
    Path results;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void registersLogsInThenRunsLoginsAloneTogetherWithUsersMeAndUsersMeAlone() {
        // given logins that take 40 ms, like a (fast) Argon2 check
        try (AuthStub auth = new AuthStub(40)) {
            // when run without --rate, from the environment's base URL
            int status = run(Map.of("SC_BENCH_AUTH", auth.base().toString()), "login", "--duration", "1s",
                    "--warmup", "0s", "--me-rate", "50", "--results", results.toString());

            // then setup registered a fresh account and logged in with exactly its credentials
            assertThat(status).as(err()).isEqualTo(Main.OK);
            List<String> calls = auth.calls();
            assertThat(calls.subList(0, 3)).containsExactly("GET /health", REGISTER, LOGIN);
            String email = auth.body(1).path("email").asString();
            String password = auth.body(1).path("password").asString();
            assertThat(email).startsWith("bench-");
            assertThat(password).startsWith("bench passphrase ").hasSizeGreaterThan(30);
            assertThat(auth.body(2).path("email").asString()).isEqualTo(email);
            assertThat(auth.body(2).path("password").asString()).isEqualTo(password);
            // the login rate defaults to 10/s here; every login and every bearer request succeeded
            assertThat(out()).contains("| login | 10 | 10 | 10 | 0 | 0 |")
                    .contains("| login (saturating) | 10 | 10 | 10 | 0 | 0 |")
                    .contains("| users/me during logins | 50 | 50 | 50 | 0 | 0 |")
                    .contains("| users/me alone | 50 | 50 | 50 | 0 | 0 |")
                    .contains("Estimated Argon2id cost per login")
                    .contains("users/me p99 during logins / alone");
            // setup login + a fresh one before phases B and C + 10 per login phase
            assertThat(auth.count(LOGIN)).isEqualTo(3 + 10 + 10);
            assertThat(auth.count(ME)).isEqualTo(100);
            assertThat(calls.getLast()).isEqualTo("DELETE /api/v1/users/me");
            assertThat(results.resolve("latest-login.md")).exists();
        }
    }

    @Test
    void measuresSignInsWithTotpBesidePasswordOnlyLogins() {
        // given a service with TOTP
        try (AuthStub auth = new AuthStub(20).withTotp()) {
            int status = run(Map.of(), "login", "--base", auth.base().toString(), "--rate", "10", "--me-rate", "20",
                    "--duration", "1s", "--warmup", "0s", "--results", results.toString());

            // then a pool of enrolled accounts signed in with the password and then a fresh code each, never refused
            assertThat(status).as(err()).isEqualTo(Main.OK);
            assertThat(out()).contains("| login | 10 | 10 | 10 | 0 | 0 |")
                    .contains("| login + TOTP | 10 | 10 | 10 | 0 | 0 |")
                    .contains("Sign-in with TOTP (login, then POST /mfa/verify)").contains("The second factor adds");
            assertThat(auth.count("POST /api/v1/users/me/mfa/totp/confirm")).isEqualTo(11);
            assertThat(auth.count("POST /api/v1/auth/mfa/verify")).isEqualTo(10);
            assertThat(auth.refusedCodes()).isZero();
            // the enrolled accounts are deleted with the main one
            assertThat(auth.count("DELETE /api/v1/users/me")).isEqualTo(12);
        }
    }

    @Test
    void phaseBSendsTokenOnlyRequestsWhileLoginsAreInProgress() {
        // given logins that take 40 ms: at 15/s a login is in progress 60 % of the time
        try (AuthStub auth = new AuthStub(40)) {
            int status = run(Map.of(), "login", "--base", auth.base().toString(), "--rate", "15", "--me-rate", "40",
                    "--duration", "1s", "--warmup", "0s", "--results", results.toString());

            // then --rate set the login rate, and many users/me requests met a login on the server: the two loads
            // overlapped (one after the other, none would have, as phase C shows: it never meets a login)
            assertThat(status).as(err()).isEqualTo(Main.OK);
            assertThat(out()).contains("| login | 15 | 15 | 15 | 0 | 0 |")
                    .contains("| users/me during logins | 40 | 40 | 40 | 0 | 0 |");
            assertThat(auth.meWhileLoggingIn()).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(40);
        }
    }

    @Test
    void waitsForABusyServiceBetweenPhasesInsteadOfGivingUp() {
        // given a service still busy after phase A: the login for phase B's token (the 7th: setup, then 5 in phase
        // A) answers 503 twice
        try (AuthStub auth = new AuthStub(10).busyOnLogins(7, 8)) {
            int status = run(Map.of(), "login", "--base", auth.base().toString(), "--rate", "10", "--me-rate", "20",
                    "--duration", "500ms", "--warmup", "0s", "--results", results.toString());

            // then it tried again (only ever with the right password) and measured every phase
            assertThat(status).as(err()).isEqualTo(Main.OK);
            assertThat(err()).contains("before phase B: auth-service is busy (login answered HTTP 503");
            assertThat(out()).contains("| login (saturating) | 10 | 5 | 5 | 0 | 0 |")
                    .contains("| users/me alone | 20 | 10 | 10 | 0 | 0 |");
            assertThat(auth.count(LOGIN)).isEqualTo(1 + 5 + 3 + 5 + 1);
        }
    }

    @Test
    void failsFastWithAHintWhenAuthServiceDoesNotAnswer() {
        long started = System.nanoTime();
        int status = run(Map.of("SC_BENCH_AUTH", StubServer.nothingListening("").toString()), "login",
                "--results", results.toString());

        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(err()).contains("does not answer").contains("connection refused").contains("./secureconnect up")
                .contains("SC_BENCH_AUTH");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(results).isEmptyDirectory();
    }

    @Test
    void saysWhatAServiceAnsweredWhenItIsNotAuthService() {
        // given something that answers /health, and everything else, with 200 {"status":"UP"}
        try (StubServer other = StubServer.healthy()) {
            int status = run(Map.of(), "login", "--base", other.uri("").toString(), "--results", results.toString());

            // then it stops at registration, before any load
            assertThat(status).isEqualTo(Main.FAILED);
            assertThat(err()).contains("/api/v1/auth/register answered HTTP 200 {\"status\":\"UP\"}")
                    .contains("is --base / SC_BENCH_AUTH an auth-service");
            assertThat(other.requests()).isEqualTo(2);
            assertThat(results).isEmptyDirectory();
        }
    }

    private int run(Map<String, String> environment, String... args) {
        return Main.run(List.of(args), environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
