package io.secureconnect.auth.passkey;

import static io.secureconnect.auth.passkey.PasskeyClient.ORIGIN;
import static io.secureconnect.auth.passkey.PasskeyClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthClient.Account;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.ReceivedMail;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;
import io.secureconnect.common.audit.AuditResult;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Passkeys over HTTP with a software authenticator that signs like a real one: adding, naming and removing passkeys,
 * signing in with one and no password, and every way an answer is refused (a reused challenge, another origin, a
 * deleted passkey, a repeated counter, no user verification, bad input).
 */
@AuthServiceTest
@WithMail
@Import(RecordedAudit.class)
class PasskeyIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordedAudit audit;

    private AuthClient client;
    private PasskeyClient passkeys;
    private Account ann;

    @BeforeEach
    void anAccount() throws Exception {
        client = new AuthClient(port);
        passkeys = new PasskeyClient(client);
        ann = client.newVerifiedAccount("Ann", mail);
    }

    @Test
    void addsTwoPasskeysThenListsRenamesAndDeletesThem() throws Exception {
        JsonNode laptop = passkeys.register(ann, new SoftwareAuthenticator(), "Laptop");
        JsonNode phone = passkeys.register(ann, new SoftwareAuthenticator(), "Phone");

        assertThat(laptop.get("name").asString()).isEqualTo("Laptop");
        assertThat(laptop.get("createdAt").asString()).isNotBlank();
        assertThat(laptop.get("lastUsedAt").isNull()).isTrue();
        assertThat(passkeys.names(ann)).containsExactly("Laptop", "Phone");

        HttpResponse<String> renamed = client.send("PATCH", "/api/v1/users/me/passkeys/" + phone.get("id").asString(),
                ann.accessToken(), "{\"name\":\"Work phone\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("name").asString()).isEqualTo("Work phone");
        assertThat(passkeys.names(ann)).containsExactly("Laptop", "Work phone");

        HttpResponse<String> deleted = client.send("DELETE", "/api/v1/users/me/passkeys/" + laptop.get("id").asString(),
                ann.accessToken(), null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(passkeys.names(ann)).containsExactly("Work phone");
    }

    @Test
    void theOwnerIsMailedWhenAPasskeyIsAdded() throws Exception {
        passkeys.register(ann, new SoftwareAuthenticator(), "Laptop");

        ReceivedMail notice = mail.awaitMessageTo(ann.email());

        assertThat(notice.body()).contains("a passkey was added");
    }

    @Test
    void addingAPasskeyAsksForTheAccountsPassword() throws Exception {
        HttpResponse<String> wrong = passkeys.options(ann, "not " + AuthClient.PASSWORD);
        HttpResponse<String> none = passkeys.options(ann, null);

        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(wrong.body()).contains("AUTH_INVALID_CREDENTIALS");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
        audit.await("auth.passkey.register", AuditResult.FAILURE, ann);
        assertThat(passkeys.names(ann)).isEmpty();
    }

    @Test
    void anAccountWhoseEmailIsNotVerifiedCannotAddAPasskey() throws Exception {
        Account unverified = client.newAccount("Someone's address");

        HttpResponse<String> options = passkeys.options(unverified, AuthClient.PASSWORD);

        assertThat(options.statusCode()).as(options.body()).isEqualTo(403);
        assertThat(options.body()).contains("PASSKEY_EMAIL_UNVERIFIED");
        audit.await("auth.passkey.register", AuditResult.DENIED, unverified);
    }

    @Test
    void anAccountWithoutAPasswordAddsAPasskeyOnlySoonAfterSigningIn() throws Exception {
        // as single sign-on makes them ("!", SsoAccounts.NO_PASSWORD): no password to type
        jdbc.sql("UPDATE users SET password_hash = '!' WHERE id = :id").param("id", ann.id()).update();

        HttpResponse<String> fresh = passkeys.options(ann, null);
        jdbc.sql("UPDATE sessions SET created_at = created_at - interval '11 minutes' WHERE user_id = :id")
                .param("id", ann.id()).update();
        HttpResponse<String> stale = passkeys.options(ann, null);

        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(403);
        assertThat(stale.body()).contains("PASSKEY_REAUTHENTICATE").contains("Sign in again, then add the passkey");
        audit.await("auth.passkey.register", AuditResult.DENIED, ann);
    }

    @Test
    void theSecondPasskeysOptionsExcludeTheFirst() throws Exception {
        SoftwareAuthenticator laptop = new SoftwareAuthenticator();
        passkeys.register(ann, laptop, "Laptop");

        JsonNode options = json(passkeys.options(ann, AuthClient.PASSWORD));

        assertThat(options.get("publicKey").get("excludeCredentials").values())
                .extracting(excluded -> excluded.get("id").asString()).containsExactly(laptop.credentialId());
    }

    @Test
    void someoneElsesPasskeyCannotBeRenamedOrDeleted() throws Exception {
        JsonNode laptop = passkeys.register(ann, new SoftwareAuthenticator(), "Laptop");
        Account bob = client.newVerifiedAccount("Bob", mail);
        String path = "/api/v1/users/me/passkeys/" + laptop.get("id").asString();

        assertThat(client.send("PATCH", path, bob.accessToken(), "{\"name\":\"Mine\"}").statusCode()).isEqualTo(404);
        assertThat(client.send("DELETE", path, bob.accessToken(), null).statusCode()).isEqualTo(404);
        assertThat(passkeys.names(ann)).containsExactly("Laptop");
        audit.await("auth.passkey.delete", AuditResult.DENIED, bob);
    }

    @Test
    void signsInWithAPasskeyAndNoPassword() throws Exception {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        passkeys.register(ann, authenticator, "Laptop");

        HttpResponse<String> login = passkeys.passwordless(authenticator, ORIGIN, true);

        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        JsonNode tokens = json(login);
        String accessToken = tokens.get("accessToken").asString();
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("refreshToken").asString()).isNotBlank();
        assertThat(PasskeyClient.claims(accessToken).get("sub").asString()).isEqualTo(ann.id().toString());
        assertThat(PasskeyClient.amr(accessToken)).containsExactly("hwk", "user", "mfa");
        assertThat(passkeys.get("/api/v1/users/me/sessions", accessToken).get("items").values())
                .anySatisfy(session -> {
                    assertThat(session.get("current").asBoolean()).isTrue();
                    assertThat(session.get("deviceName").asString()).isEqualTo("Passkey test");
                });
        assertThat(passkeys.get("/api/v1/users/me/passkeys", ann.accessToken()).get("items").get(0)
                .get("lastUsedAt").isNull()).isFalse();
        audit.await("auth.login", AuditResult.SUCCESS, ann);
    }

    @Test
    void aChallengeAnswersOnlyOnce() throws Exception {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        passkeys.register(ann, authenticator, "Laptop");
        JsonNode options = passkeys.passwordlessOptions();
        String requestId = options.get("requestId").asString();

        HttpResponse<String> first = passkeys.loginWith(requestId, authenticator.get(options.get("publicKey"), ORIGIN, true));
        HttpResponse<String> again = passkeys.loginWith(requestId, authenticator.get(options.get("publicKey"), ORIGIN, true));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(401);
        assertThat(again.body()).contains("PASSKEY_INVALID");
        audit.await("auth.passkey.login", AuditResult.DENIED, event -> event.reason().contains("used"));
    }

    @Test
    void anAssertionMadeOnAnotherSiteIsRefused() throws Exception {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        passkeys.register(ann, authenticator, "Laptop");

        HttpResponse<String> phished = passkeys.passwordless(authenticator, "https://secureconnect.example.net", true);

        assertThat(phished.statusCode()).as(phished.body()).isEqualTo(401);
        assertThat(phished.body()).contains("PASSKEY_INVALID").doesNotContain("accessToken");
        assertThat(audit.await("auth.passkey.login", AuditResult.DENIED, ann).reason()).contains("BadOrigin");
    }

    @Test
    void aRegistrationFromAnotherSiteIsRefused() throws Exception {
        JsonNode options = json(passkeys.options(ann, AuthClient.PASSWORD));
        ObjectNode credential = new SoftwareAuthenticator().create(options.get("publicKey"), "https://evil.example");

        HttpResponse<String> added = passkeys.addPasskey(ann, options.get("registrationId").asString(), "Laptop",
                credential);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(400);
        assertThat(added.body()).contains("PASSKEY_INVALID_REQUEST");
        assertThat(passkeys.names(ann)).isEmpty();
        audit.await("auth.passkey.register", AuditResult.DENIED, ann);
    }

    @Test
    void aRegistrationAnswersOnlyOnce() throws Exception {
        JsonNode options = json(passkeys.options(ann, AuthClient.PASSWORD));
        String registrationId = options.get("registrationId").asString();

        HttpResponse<String> first = passkeys.addPasskey(ann, registrationId, "Laptop",
                new SoftwareAuthenticator().create(options.get("publicKey"), ORIGIN));
        HttpResponse<String> again = passkeys.addPasskey(ann, registrationId, "Phone",
                new SoftwareAuthenticator().create(options.get("publicKey"), ORIGIN));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(400);
        assertThat(passkeys.names(ann)).containsExactly("Laptop");
    }

    @Test
    void aRegistrationStartedByAnotherAccountCannotBeFinished() throws Exception {
        Account bob = client.newVerifiedAccount("Bob", mail);
        JsonNode bobsOptions = json(passkeys.options(bob, AuthClient.PASSWORD));
        ObjectNode credential = new SoftwareAuthenticator().create(bobsOptions.get("publicKey"), ORIGIN);

        HttpResponse<String> added = passkeys.addPasskey(ann, bobsOptions.get("registrationId").asString(), "Laptop",
                credential);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(400);
        assertThat(passkeys.names(ann)).isEmpty();
        assertThat(passkeys.names(bob)).isEmpty();
    }

    @Test
    void aDeletedPasskeyCannotSignIn() throws Exception {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        JsonNode laptop = passkeys.register(ann, authenticator, "Laptop");
        client.send("DELETE", "/api/v1/users/me/passkeys/" + laptop.get("id").asString(), ann.accessToken(), null);

        HttpResponse<String> login = passkeys.passwordless(authenticator, ORIGIN, true);

        assertThat(login.statusCode()).as(login.body()).isEqualTo(400);
        assertThat(login.body()).contains("PASSKEY_INVALID_REQUEST").doesNotContain("accessToken");
    }

    @Test
    void aSignatureCounterThatDoesNotGoUpIsRefused() throws Exception {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        passkeys.register(ann, authenticator, "Laptop");
        assertThat(passkeys.passwordless(authenticator, ORIGIN, true).statusCode()).isEqualTo(200);
        assertThat(passkeys.passwordless(authenticator, ORIGIN, true).statusCode()).isEqualTo(200);

        authenticator.signCount(2); // what a copy of the key that stayed behind would send

        HttpResponse<String> cloned = passkeys.passwordless(authenticator, ORIGIN, true);
        assertThat(cloned.statusCode()).as(cloned.body()).isEqualTo(401);
        assertThat(audit.await("auth.passkey.login", AuditResult.DENIED, ann).reason()).contains("counter");
    }

    @Test
    void aPasswordlessSignInNeedsTheUserVerified() throws Exception {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        passkeys.register(ann, authenticator, "Security key");

        HttpResponse<String> touchOnly = passkeys.passwordless(authenticator, ORIGIN, false);

        assertThat(touchOnly.statusCode()).as(touchOnly.body()).isEqualTo(401);
    }

    @Test
    void badInputIsA400WithACode() throws Exception {
        passkeys.register(ann, new SoftwareAuthenticator(), "Laptop");
        JsonNode options = json(passkeys.options(ann, AuthClient.PASSWORD));
        String registrationId = options.get("registrationId").asString();
        ObjectNode credential = new SoftwareAuthenticator().create(options.get("publicKey"), ORIGIN);
        String requestId = passkeys.passwordlessOptions().get("requestId").asString();
        ObjectNode unknownCredential = new SoftwareAuthenticator()
                .get(passkeys.passwordlessOptions().get("publicKey"), ORIGIN, true);

        List<HttpResponse<String>> answers = List.of(
                client.send("POST", "/api/v1/users/me/passkeys", ann.accessToken(), "{\"registrationId\":"),
                passkeys.addPasskey(ann, registrationId, "x".repeat(65), credential),
                passkeys.addPasskey(ann, registrationId, "", credential),
                passkeys.addPasskey(ann, registrationId, "Nul\u0000name", credential),
                passkeys.addPasskey(ann, "not-a-registration", "Laptop", credential),
                passkeys.addPasskey(ann, registrationId, "Laptop", AuthClient.JSON.createObjectNode().put("id", "%%%")),
                client.send("POST", "/api/v1/users/me/passkeys", ann.accessToken(),
                        "{\"registrationId\":\"" + registrationId + "\",\"name\":\"Laptop\",\"credential\":\"text\"}"),
                client.send("PATCH", "/api/v1/users/me/passkeys/not-a-uuid", ann.accessToken(), "{\"name\":\"x\"}"),
                passkeys.loginWith(requestId, unknownCredential),
                client.send("POST", "/api/v1/auth/passkey/login", null,
                        "{\"requestId\":\"" + requestId + "\",\"credential\":{\"rawId\":\"AA\",\"response\":{}}}"),
                client.send("POST", "/api/v1/auth/passkey/login", null, "[]"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(answer).get("code").asString()).isNotBlank();
        });
        assertThat(passkeys.names(ann)).containsExactly("Laptop");
    }
}
