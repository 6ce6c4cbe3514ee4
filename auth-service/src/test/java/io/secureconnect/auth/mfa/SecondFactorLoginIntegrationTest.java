package io.secureconnect.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;
import io.secureconnect.testsupport.time.MutableClock;
import io.secureconnect.testsupport.time.MutableClockConfiguration;
import io.secureconnect.testsupport.totp.TotpCodes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * TOTP as a user meets it (docs/identity.md): enrol and confirm with codes an authenticator computes (RFC 6238), then
 * logins that answer a challenge and never get a token before the second factor; replayed codes, the per-account
 * lockout, single-use recovery codes and mfaTokens, bad input, and turning TOTP off.
 */
@AuthServiceTest
@WithMail
@Import(MutableClockConfiguration.class)
class SecondFactorLoginIntegrationTest {

    private static final TestDatabase AUDIT_DATABASE = TestDatabases.create(); // dropped by a later run's cleanup
    private static final JdbcClient AUDIT = JdbcClient.create(AUDIT_DATABASE.dataSource());

    @DynamicPropertySource
    static void auditDatabase(DynamicPropertyRegistry registry) {
        registry.add("secureconnect.audit.trail.url", AUDIT_DATABASE::jdbcUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestMailServer mail;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    private AuthClient client;

    @BeforeEach
    void client() {
        client = new AuthClient(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void enrolsWithAnAuthenticatorAndLogsInWithItsCodes() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        HttpResponse<String> started = client.send("POST", "/api/v1/users/me/mfa/totp", ann.accessToken(), null);
        assertThat(started.statusCode()).isEqualTo(200);
        JsonNode enrolment = AuthClient.JSON.readTree(started.body());
        String secret = enrolment.get("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}"); // 160 bits
        assertThat(enrolment.get("otpauthUri").asString()).isEqualTo("otpauth://totp/SecureConnect:" + ann.email()
                + "?secret=" + secret + "&issuer=SecureConnect&algorithm=SHA1&digits=6&period=30");
        assertThat(status(ann.accessToken()).get("totp").asBoolean()).isFalse(); // not on until confirmed
        assertThat(client.login(ann.email(), AuthClient.PASSWORD).has("accessToken")).isTrue();

        TotpCodes.Device device = new TotpCodes.Device(TotpCodes.secretOf(enrolment.get("otpauthUri").asString()));
        HttpResponse<String> confirmed = client.send("POST", "/api/v1/users/me/mfa/totp/confirm", ann.accessToken(),
                "{\"code\":\"" + device.nextCode(clock.instant()) + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(AuthClient.JSON.readTree(confirmed.body()).get("recoveryCodes")).hasSize(10)
                .allSatisfy(code -> assertThat(code.asString()).matches("[a-z2-7]{5}-[a-z2-7]{5}"));
        JsonNode status = status(ann.accessToken());
        assertThat(status.get("totp").asBoolean()).isTrue();
        assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(10);
        assertThat(status.get("passkeys").asInt()).isZero();
        assertThat(status.get("required").asBoolean()).isFalse();
        assertThat(client.send("POST", "/api/v1/users/me/mfa/totp", ann.accessToken(), null).body())
                .contains("MFA_ALREADY_ENABLED");

        JsonNode challenge = challenge(ann.email());
        assertThat(challenge.get("methods").valueStream().map(JsonNode::asString)).containsExactly("totp", "recovery");
        assertThat(challenge.get("expiresIn").asLong()).isEqualTo(300);
        HttpResponse<String> verified = verify(challenge, device.nextCode(clock.instant()));

        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode tokens = AuthClient.JSON.readTree(verified.body());
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(claims(tokens.get("accessToken").asString()).get("amr").valueStream().map(JsonNode::asString))
                .containsExactly("pwd", "otp", "mfa");
        HttpResponse<String> refreshed = client.send("POST", "/api/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + tokens.get("refreshToken").asString() + "\"}");
        assertThat(claims(AuthClient.JSON.readTree(refreshed.body()).get("accessToken").asString()).get("amr")
                .valueStream().map(JsonNode::asString)).containsExactly("pwd", "otp", "mfa");
    }

    @Test
    void aPasswordLoginNeverGetsATokenBeforeTheSecondFactor() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        client.enrolTotp(ann.accessToken());
        int sessionsBefore = sessionsOf(ann.id());

        HttpResponse<String> login = client.send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + ann.email() + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");

        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode body = AuthClient.JSON.readTree(login.body());
        assertThat(body.get("mfaRequired").asBoolean()).isTrue();
        assertThat(body.get("mfaToken").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.has("accessToken")).isFalse();
        assertThat(body.has("refreshToken")).isFalse();
        assertThat(login.body()).doesNotContain("eyJ"); // no JWT anywhere in the answer
        assertThat(sessionsOf(ann.id())).isEqualTo(sessionsBefore);
    }

    @Test
    void aCodeIsAcceptedOnce() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        TotpCodes.Device device = client.enrolTotp(ann.accessToken()).device();
        String code = device.nextCode(clock.instant());
        assertThat(verify(challenge(ann.email()), code).statusCode()).isEqualTo(200);

        HttpResponse<String> replayed = verify(challenge(ann.email()), code);

        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("\"code\":\"MFA_CODE_REPLAYED\"");
        // and the code of the step the enrolment confirmed (an earlier step) is refused the same way
        assertThat(verify(challenge(ann.email()), TotpCodes.at(device.secret(), clock.instant())).body())
                .contains("MFA_CODE_REPLAYED");
    }

    @Test
    void fiveWrongCodesLockTheAccountsSecondFactorForFifteenMinutes() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        TotpCodes.Device device = client.enrolTotp(ann.accessToken()).device();
        double failedBefore = failedCount("totp");
        JsonNode challenge = challenge(ann.email());

        for (int wrong = 0; wrong < 5; wrong++) {
            HttpResponse<String> refused = verify(challenge, wrongCode(device));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("\"code\":\"MFA_CODE_INVALID\"");
        }
        HttpResponse<String> locked = verify(challenge, TotpCodes.at(device.secret(), clock.instant()));

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("\"code\":\"MFA_LOCKED\"");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(800L, 900L);
        assertThat(failedCount("totp") - failedBefore).isEqualTo(5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditDenials(ann.id())).isGreaterThanOrEqualTo(6));
        // a new login does not lift it: the lock is the account's, not the mfaToken's or the address's
        assertThat(verify(challenge(ann.email()), TotpCodes.at(device.secret(), clock.instant())).statusCode())
                .isEqualTo(429);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(verify(challenge(ann.email()), device.nextCode(clock.instant())).statusCode()).isEqualTo(200);
    }

    @Test
    void parallelWrongAnswersGetNoMoreGuessesThanTheLockAllows() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        TotpCodes.Device device = client.enrolTotp(ann.accessToken()).device();
        JsonNode challenge = challenge(ann.email());
        String wrong = wrongCode(device);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();

        try (ExecutorService attacker = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                answers.add(attacker.submit(() -> {
                    start.await();
                    return new AuthClient(port).send("POST", "/api/v1/auth/mfa/verify", null, "{\"mfaToken\":\""
                            + challenge.get("mfaToken").asString() + "\",\"code\":\"" + wrong + "\"}");
                }));
            }
            start.countDown();
        }

        List<String> codes = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            String code = AuthClient.JSON.readTree(response.body()).path("code").asString();
            codes.add(response.statusCode() + " " + code);
        }
        assertThat(codes).filteredOn(code -> code.equals("401 MFA_CODE_INVALID")).hasSize(5);
        assertThat(codes).filteredOn(code -> !code.equals("401 MFA_CODE_INVALID")).hasSize(7)
                .allMatch(code -> code.equals("429 MFA_LOCKED"));
        HttpResponse<String> right = verify(challenge, TotpCodes.at(device.secret(), clock.instant()));
        assertThat(right.statusCode()).as(right.body()).isEqualTo(429);
        assertThat(right.body()).contains("\"code\":\"MFA_LOCKED\"");
    }

    @Test
    void aRecoveryCodeWorksOnce() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        List<String> recoveryCodes = client.enrolTotp(ann.accessToken()).recoveryCodes();
        // typed in capitals and without its dash, as someone reading it off paper might
        String typed = recoveryCodes.get(3).replace("-", "").toUpperCase();

        HttpResponse<String> first = verify(challenge(ann.email()), typed);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(claims(AuthClient.JSON.readTree(first.body()).get("accessToken").asString()).get("amr")
                .valueStream().map(JsonNode::asString)).containsExactly("pwd", "otp", "mfa");

        HttpResponse<String> again = verify(challenge(ann.email()), recoveryCodes.get(3));
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("\"code\":\"MFA_CODE_INVALID\"");
        assertThat(status(ann.accessToken()).get("recoveryCodesLeft").asInt()).isEqualTo(9);
    }

    @Test
    void anMfaTokenIsSingleUseExpiresAndBelongsToOneAccount() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        TotpCodes.Device annsDevice = client.enrolTotp(ann.accessToken()).device();
        AuthClient.Account bob = client.newVerifiedAccount("Bob", mail);
        TotpCodes.Device bobsDevice = client.enrolTotp(bob.accessToken()).device();

        JsonNode used = challenge(ann.email());
        assertThat(verify(used, annsDevice.nextCode(clock.instant())).statusCode()).isEqualTo(200);
        HttpResponse<String> reused = verify(used, TotpCodes.at(annsDevice.secret(), clock.instant()));
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.body()).contains("\"code\":\"MFA_TOKEN_INVALID\"");

        // Bob's right code does not answer Ann's challenge (and gives nobody a token)
        HttpResponse<String> crossed = verify(challenge(ann.email()), bobsDevice.nextCode(clock.instant()));
        assertThat(crossed.statusCode()).isEqualTo(401);
        assertThat(crossed.body()).contains("MFA_CODE_INVALID").doesNotContain("accessToken");

        JsonNode expiring = challenge(ann.email());
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        HttpResponse<String> expired = verify(expiring, TotpCodes.at(annsDevice.secret(), clock.instant()));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("\"code\":\"MFA_TOKEN_INVALID\"");

        HttpResponse<String> unknown = verify(AuthClient.JSON.readTree("{\"mfaToken\":\"" + "A".repeat(43) + "\"}"),
                "123456");
        assertThat(unknown.body()).contains("MFA_TOKEN_INVALID");
    }

    @Test
    void malformedAnswersAreRefusedAsBadRequests() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        client.enrolTotp(ann.accessToken());
        String token = challenge(ann.email()).get("mfaToken").asString();
        List<String> bodies = new ArrayList<>(List.of(
                "{\"mfaToken\":\"" + token + "\",\"code\":\"12345\"}",
                "{\"mfaToken\":\"" + token + "\",\"code\":\"1234567\"}",
                "{\"mfaToken\":\"" + token + "\",\"code\":\"12a456\"}",
                "{\"mfaToken\":\"" + token + "\",\"code\":\"abcde-fghi1\"}",
                "{\"mfaToken\":\"" + token + "\",\"code\":\"" + "1".repeat(5000) + "\"}",
                "{\"mfaToken\":\"" + "x".repeat(5000) + "\",\"code\":\"123456\"}",
                "{\"mfaToken\":\"" + token + "\"}",
                "{\"code\":\"123456\"}",
                "{\"mfaToken\":\"" + token + "\",\"code\":\"123456\",\"passkey\":{\"requestId\":\"r\",\"credential\":{}}}",
                "{\"mfaToken\":\"" + token + "\",\"passkey\":{\"requestId\":\"" + "r".repeat(500) + "\",\"credential\":{}}}",
                "{\"mfaToken\":[1,2],\"code\":123456}",
                "{\"mfaToken\":\"" + token + "\",\"code\":"));
        for (String body : bodies) {
            HttpResponse<String> refused = client.send("POST", "/api/v1/auth/mfa/verify", null, body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(AuthClient.JSON.readTree(refused.body()).get("code").asString()).as(body).isNotBlank();
        }
        for (String code : List.of("12345", "abcdef", "x".repeat(100))) {
            assertThat(client.send("POST", "/api/v1/users/me/mfa/totp/confirm", ann.accessToken(),
                    "{\"code\":\"" + code + "\"}").statusCode()).as(code).isEqualTo(400);
        }
        // none of them counted as a wrong answer: the right code still works after twelve
        assertThat(failuresOf(ann.id())).isZero();
    }

    @Test
    void turningTotpOffNeedsThePasswordAndACode() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        AuthClient.TotpEnrolment totp = client.enrolTotp(ann.accessToken());
        String path = "/api/v1/users/me/mfa/totp";

        HttpResponse<String> wrongPassword = client.send("DELETE", path, ann.accessToken(),
                "{\"password\":\"not it\",\"code\":\"" + totp.device().nextCode(clock.instant()) + "\"}");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("AUTH_INVALID_CREDENTIALS");
        HttpResponse<String> wrongCode = client.send("DELETE", path, ann.accessToken(),
                "{\"password\":\"" + AuthClient.PASSWORD + "\",\"code\":\"" + wrongCode(totp.device()) + "\"}");
        assertThat(wrongCode.statusCode()).isEqualTo(401);
        assertThat(wrongCode.body()).contains("MFA_CODE_INVALID");
        assertThat(status(ann.accessToken()).get("totp").asBoolean()).isTrue();

        HttpResponse<String> off = client.send("DELETE", path, ann.accessToken(),
                "{\"password\":\"" + AuthClient.PASSWORD + "\",\"code\":\"" + totp.recoveryCodes().get(0) + "\"}");

        assertThat(off.statusCode()).as(off.body()).isEqualTo(204);
        JsonNode status = status(ann.accessToken());
        assertThat(status.get("totp").asBoolean()).isFalse();
        assertThat(status.get("recoveryCodesLeft").asInt()).isZero();
        assertThat(client.login(ann.email(), AuthClient.PASSWORD).has("accessToken")).isTrue();
    }

    @Test
    void newRecoveryCodesVoidTheOldOnes() throws Exception {
        AuthClient.Account ann = client.newVerifiedAccount("Ann", mail);
        AuthClient.TotpEnrolment totp = client.enrolTotp(ann.accessToken());

        HttpResponse<String> renewed = client.send("POST", "/api/v1/users/me/mfa/recovery-codes", ann.accessToken(),
                "{\"password\":\"" + AuthClient.PASSWORD + "\",\"code\":\"" + totp.device().nextCode(clock.instant()) + "\"}");

        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        String fresh = AuthClient.JSON.readTree(renewed.body()).get("recoveryCodes").get(0).asString();
        assertThat(verify(challenge(ann.email()), totp.recoveryCodes().get(1)).body()).contains("MFA_CODE_INVALID");
        assertThat(verify(challenge(ann.email()), fresh).statusCode()).isEqualTo(200);
    }

    private JsonNode challenge(String email) throws Exception {
        JsonNode answer = client.login(email, AuthClient.PASSWORD);
        assertThat(answer.get("mfaRequired").asBoolean()).as(answer.toString()).isTrue();
        return answer;
    }

    private HttpResponse<String> verify(JsonNode challenge, String code) throws Exception {
        return client.send("POST", "/api/v1/auth/mfa/verify", null,
                "{\"mfaToken\":\"" + challenge.get("mfaToken").asString() + "\",\"code\":\"" + code + "\"}");
    }

    private JsonNode status(String accessToken) throws Exception {
        return AuthClient.JSON.readTree(client.send("GET", "/api/v1/users/me/mfa", accessToken, null).body());
    }

    /** A code of the right form that none of the window's steps has. */
    private String wrongCode(TotpCodes.Device device) {
        long step = Math.floorDiv(clock.instant().getEpochSecond(), 30);
        List<String> window = List.of(TotpCodes.ofStep(device.secret(), step - 1), TotpCodes.ofStep(device.secret(), step),
                TotpCodes.ofStep(device.secret(), step + 1));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!window.contains(code)) {
                return code;
            }
        }
    }

    private static JsonNode claims(String jwt) {
        return AuthClient.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8));
    }

    private double failedCount(String method) {
        return meters.get("auth.mfa.failed").tag("method", method).counter().count();
    }

    private int sessionsOf(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM sessions WHERE user_id = :id").param("id", userId)
                .query(Long.class).single().intValue();
    }

    private int failuresOf(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM mfa_failures WHERE user_id = :id").param("id", userId)
                .query(Long.class).single().intValue();
    }

    private int auditDenials(UUID userId) {
        return AUDIT.sql("SELECT count(*) FROM audit_events WHERE action = 'auth.mfa' AND result = 'denied' AND user_id = :id")
                .param("id", userId.toString()).query(Long.class).single().intValue();
    }
}
