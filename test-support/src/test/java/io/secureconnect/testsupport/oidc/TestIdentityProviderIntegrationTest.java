package io.secureconnect.testsupport.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The test provider speaks OpenID Connect as a relying party expects: discovery, code with PKCE, refresh. */
class TestIdentityProviderIntegrationTest {

    private static final String REDIRECT = "http://localhost:9/callback";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestIdentityProvider idp;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        idp = TestIdentityProvider.start(REDIRECT);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void discoveryNamesTheIssuerAndItsEndpoints() throws Exception {
        JsonNode metadata = JSON.readTree(http.send(HttpRequest.newBuilder(idp.discoveryUri()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(metadata.get("issuer").asString()).isEqualTo(idp.issuer());
        assertThat(metadata.get("jwks_uri").asString()).startsWith(idp.issuer());
    }

    @Test
    void aPersonLogsInAndTheIdTokenCarriesTheirEmailUntilTheirGrantsAreRevoked() throws Exception {
        IdpUser ada = idp.addUser("ada-" + UUID.randomUUID() + "@example.org", true, "Ada Lovelace");
        JsonNode tokens = codeFlow(ada);
        SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asString());
        assertThat(idToken.getJWTClaimsSet().getStringClaim("email")).isEqualTo(ada.email());
        assertThat(idToken.getJWTClaimsSet().getBooleanClaim("email_verified")).isTrue();
        assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(tokenRequest("grant_type=refresh_token&refresh_token="
                + tokens.get("refresh_token").asString()).statusCode()).isEqualTo(200);

        idp.revokeRefreshTokens(ada.username());

        HttpResponse<String> refused = tokenRequest("grant_type=refresh_token&refresh_token="
                + tokens.get("refresh_token").asString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant");
    }

    @Test
    void misbehaviourReplaysTheNonceOfThePreviousLogin() throws Exception {
        IdpUser bob = idp.addUser("bob-" + UUID.randomUUID() + "@example.org", false, "Bob");
        codeFlow(bob);
        idp.misbehave(Misbehaviour.REPLAY_NONCE);
        try {
            JsonNode tokens = codeFlow(bob, "n-2");
            assertThat(SignedJWT.parse(tokens.get("id_token").asString()).getJWTClaimsSet().getStringClaim("nonce"))
                    .isEqualTo("n-1");
        } finally {
            idp.behave();
        }
    }

    private JsonNode codeFlow(IdpUser person) throws Exception {
        return codeFlow(person, "n-1");
    }

    private JsonNode codeFlow(IdpUser person, String nonce) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = URI.create(idp.issuer() + "/oauth2/authorize?response_type=code&client_id=" + idp.clientId()
                + "&redirect_uri=" + encode(REDIRECT) + "&scope=" + encode("openid email profile")
                + "&state=s&nonce=" + nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        URI callback = new OidcBrowser(person).followUntil(authorize, uri -> uri.toString().startsWith(REDIRECT));
        Matcher code = Pattern.compile("code=([^&]+)").matcher(callback.getQuery());
        assertThat(code.find()).as(callback.toString()).isTrue();
        HttpResponse<String> tokens = tokenRequest("grant_type=authorization_code&code=" + code.group(1)
                + "&redirect_uri=" + encode(REDIRECT) + "&code_verifier=" + verifier);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body());
    }

    private HttpResponse<String> tokenRequest(String form) throws Exception {
        String basic = Base64.getEncoder().encodeToString((idp.clientId() + ":" + idp.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(idp.issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
