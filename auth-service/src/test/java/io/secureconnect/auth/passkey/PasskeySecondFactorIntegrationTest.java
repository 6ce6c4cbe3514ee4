package io.secureconnect.auth.passkey;

import static io.secureconnect.auth.passkey.PasskeyClient.ORIGIN;
import static io.secureconnect.auth.passkey.PasskeyClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthClient.Account;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;
import io.secureconnect.common.audit.AuditResult;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * A passkey as the second factor after the password: the login asks for it, the options name only the account's
 * passkeys, and only one of them answers; no token is issued before.
 */
@AuthServiceTest
@WithMail
@Import(RecordedAudit.class)
class PasskeySecondFactorIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Autowired
    RecordedAudit audit;

    private AuthClient client;
    private PasskeyClient passkeys;
    private Account ann;
    private SoftwareAuthenticator annsLaptop;

    @BeforeEach
    void anAccountWithAPasskey() throws Exception {
        client = new AuthClient(port);
        passkeys = new PasskeyClient(client);
        ann = client.newVerifiedAccount("Ann", mail);
        annsLaptop = new SoftwareAuthenticator();
        passkeys.register(ann, annsLaptop, "Laptop");
    }

    @Test
    void thePasswordLoginAsksForThePasskeyWhichCompletesIt() throws Exception {
        JsonNode challenge = client.login(ann.email(), AuthClient.PASSWORD);
        assertThat(challenge.get("mfaRequired").asBoolean()).isTrue();
        assertThat(challenge.has("accessToken")).isFalse();
        assertThat(challenge.get("methods").values()).extracting(JsonNode::asString).contains("passkey");
        String mfaToken = challenge.get("mfaToken").asString();

        JsonNode options = options(mfaToken);
        assertThat(options.get("publicKey").get("allowCredentials").values())
                .extracting(allowed -> allowed.get("id").asString()).containsExactly(annsLaptop.credentialId());
        HttpResponse<String> verified = answer(mfaToken, options, annsLaptop);

        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(PasskeyClient.amr(json(verified).get("accessToken").asString())).containsExactly("pwd", "hwk", "mfa");
    }

    @Test
    void anotherAccountsPasskeyDoesNotAnswer() throws Exception {
        Account bob = client.newVerifiedAccount("Bob", mail);
        SoftwareAuthenticator bobsLaptop = new SoftwareAuthenticator();
        passkeys.register(bob, bobsLaptop, "Bob's laptop");
        String mfaToken = client.login(ann.email(), AuthClient.PASSWORD).get("mfaToken").asString();

        HttpResponse<String> verified = answer(mfaToken, options(mfaToken), bobsLaptop);

        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(401);
        assertThat(verified.body()).doesNotContain("accessToken");
        audit.await("auth.mfa.passkey", AuditResult.DENIED, ann);
    }

    @Test
    void aRefusedAnswerUsesItsChallengeUp() throws Exception {
        Account bob = client.newVerifiedAccount("Bob", mail);
        SoftwareAuthenticator bobsLaptop = new SoftwareAuthenticator();
        passkeys.register(bob, bobsLaptop, "Bob's laptop");
        String mfaToken = client.login(ann.email(), AuthClient.PASSWORD).get("mfaToken").asString();
        JsonNode options = options(mfaToken);

        HttpResponse<String> refused = answer(mfaToken, options, bobsLaptop);
        HttpResponse<String> again = answer(mfaToken, options, annsLaptop);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(again.statusCode()).as("the challenge of a refused answer is gone: %s", again.body()).isEqualTo(401);
        assertThat(again.body()).doesNotContain("accessToken");
        assertThat(answer(mfaToken, options(mfaToken), annsLaptop).statusCode()).isEqualTo(200);
    }

    @Test
    void theOptionsNeedALiveMfaToken() throws Exception {
        HttpResponse<String> unknown = client.send("POST", "/api/v1/auth/mfa/passkey/options", null,
                "{\"mfaToken\":\"not-a-token\"}");
        HttpResponse<String> malformed = client.send("POST", "/api/v1/auth/mfa/passkey/options", null,
                "{\"mfaToken\":{}}");

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("MFA_TOKEN_INVALID");
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    private JsonNode options(String mfaToken) throws Exception {
        HttpResponse<String> options = client.send("POST", "/api/v1/auth/mfa/passkey/options", null,
                "{\"mfaToken\":\"" + mfaToken + "\"}");
        assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
        return json(options);
    }

    private HttpResponse<String> answer(String mfaToken, JsonNode options, SoftwareAuthenticator authenticator)
            throws Exception {
        var body = AuthClient.JSON.createObjectNode().put("mfaToken", mfaToken);
        body.putObject("passkey").put("requestId", options.get("requestId").asString())
                .set("credential", authenticator.get(options.get("publicKey"), ORIGIN, false));
        return client.send("POST", "/api/v1/auth/mfa/verify", null, body.toString());
    }
}
