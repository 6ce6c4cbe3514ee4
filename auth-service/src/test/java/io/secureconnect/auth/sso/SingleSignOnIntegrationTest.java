package io.secureconnect.auth.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;
import io.secureconnect.testsupport.oidc.IdpUser;
import io.secureconnect.testsupport.oidc.Misbehaviour;
import io.secureconnect.testsupport.oidc.OidcBrowser;
import io.secureconnect.testsupport.oidc.TestIdentityProvider;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;
import tools.jackson.databind.JsonNode;

/**
 * Single sign-on against a real OpenID provider in-process (Spring Authorization Server): the browser's redirects
 * are followed and the provider's login form filled in by {@link OidcBrowser}; the provider redirects to the public
 * address, which the browser maps onto this service as the gateway would.
 */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = "secureconnect.audit.trail.spool-dir=target/audit-spool/${random.uuid}")
class SingleSignOnIntegrationTest {

    private static final String PUBLIC_URL = "http://localhost:8080"; // secureconnect.auth.public-url's default
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final TestIdentityProvider IDP = TestIdentityProvider.start(callback("testidp"));
    private static final TestIdentityProvider FLAKY = TestIdentityProvider.start(callback("flaky"));
    private static final TestDatabase AUDIT_DATABASE = TestDatabases.create();
    private static final JdbcClient AUDIT = JdbcClient.create(AUDIT_DATABASE.dataSource());

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("secureconnect.audit.trail.url", AUDIT_DATABASE::jdbcUrl);
        provider(registry, "testidp", IDP.issuer(), IDP.clientId(), IDP.clientSecret(), "Test IdP");
        provider(registry, "flaky", FLAKY.issuer(), FLAKY.clientId(), FLAKY.clientSecret(), "Flaky IdP");
        provider(registry, "down", "http://localhost:" + FreePorts.next(), "client", "secret", "Nobody home");
        registry.add("secureconnect.sso.required-domains", () -> "sso-only.example=testidp");
    }

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer mail;

    @Autowired
    JdbcClient jdbc;

    private AuthClient client;

    @BeforeEach
    void setUp() {
        client = new AuthClient(port);
        IDP.behave();
    }

    @AfterAll
    static void stop() {
        IDP.close();
        FLAKY.close();
    }

    @Test
    void aFirstSignInMakesAnAccountWithTheVerifiedEmailAndNoPasswordThatAnyPasswordOpens() throws Exception {
        IdpUser ada = IDP.addUser(email("ada"), true, "Ada Lovelace");

        OidcBrowser browser = browserOf(ada);
        URI page = browser.followUntil(start("testidp"), this::isWebClientPage);

        assertThat(page.getPath()).isEqualTo("/sso/complete");
        JsonNode tokens = complete(browser, page);
        JsonNode me = json(client.send("GET", "/api/v1/users/me", tokens.get("accessToken").asString(), null));
        assertThat(me.get("email").asString()).isEqualTo(ada.email());
        assertThat(me.get("displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(me.get("emailVerified").asBoolean()).isTrue();
        for (String password : List.of("!", "", "correct horse battery staple")) {
            HttpResponse<String> login = client.send("POST", "/api/v1/auth/login", null,
                    "{\"email\":\"" + ada.email() + "\",\"password\":\"" + password + "\"}");
            assertThat(login.statusCode()).as("password '" + password + "'").isIn(400, 401);
        }
        assertThat(browser.postJson(api("/api/v1/auth/sso/complete"), null,
                "{\"ticket\":\"" + ticketOf(page) + "\"}").statusCode()).as("a ticket works once").isEqualTo(400);
        JsonNode connected = json(client.send("GET", "/api/v1/users/me/sso", tokens.get("accessToken").asString(), null));
        assertThat(connected.get("items").get(0).get("provider").asString()).isEqualTo("testidp");
        assertThat(connected.get("items").get(0).get("name").asString()).isEqualTo("Test IdP");

        assertThat(json(client.send("GET", "/api/v1/users/me", signIn(ada, "testidp").get("accessToken").asString(),
                null)).get("id").asString()).as("the same account").isEqualTo(me.get("id").asString());
    }

    @Test
    void aSignInTicketSentToAnotherBrowserSignsNobodyIn() throws Exception {
        IdpUser mallory = IDP.addUser(email("mallory"), true, "Mallory");
        OidcBrowser attackers = browserOf(mallory);
        URI page = attackers.followUntil(start("testidp"), this::isWebClientPage);
        OidcBrowser victims = browserOf(IDP.addUser(email("victim"), true, "Victim"));

        HttpResponse<String> refused = victims.postJson(api("/api/v1/auth/sso/complete"), null,
                "{\"ticket\":\"" + ticketOf(page) + "\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("code").asString()).isEqualTo("SSO_TICKET_INVALID");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deniedReasons())
                .anySatisfy(reason -> assertThat(reason).contains("without the cookie of its browser")));
        assertThat(complete(attackers, page).get("accessToken").asString()).as("its own browser still can").isNotBlank();
    }

    @Test
    void aConnectAddressOpenedInAnotherBrowserConnectsNothing() throws Exception {
        AuthClient.Account mallory = client.newVerifiedAccount("Mallory", mail);
        HttpResponse<String> started = client.send("POST", "/api/v1/users/me/sso/testidp/link", mallory.accessToken(),
                null);
        assertThat(started.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("sc_sso=").contains("Path=/api/v1/auth/sso", "HttpOnly", "SameSite=Lax"));
        IdpUser victim = IDP.addUser(email("victim"), true, "Victim");

        HttpResponse<String> refused = browserOf(victim).get(toService(URI.create(json(started).get("url").asString())));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("code").asString()).isEqualTo("SSO_TICKET_INVALID");
        assertThat(json(client.send("GET", "/api/v1/users/me/sso", mallory.accessToken(), null)).get("items"))
                .isEmpty();
    }

    @Test
    void theProvidersAreListedWithoutAToken() throws Exception {
        JsonNode providers = json(client.send("GET", "/api/v1/auth/sso/providers", null, null));
        assertThat(providers.get("items").findValuesAsString("id")).containsExactly("down", "flaky", "testidp");
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedAndAudited() throws Exception {
        IdpUser bob = IDP.addUser(email("bob"), true, "Bob");
        OidcBrowser browser = browserOf(bob);
        URI callback = browser.followUntil(start("testidp"), uri -> uri.getPath().endsWith("/callback"));

        URI tampered = URI.create(callback.toString().replaceAll("state=[^&]+", "state=forged"));
        URI page = browser.followUntil(tampered, this::isWebClientPage);

        assertThat(page.toString()).endsWith("/sso/error?code=SSO_STATE_INVALID");
        assertDeniedAudited("SSO_STATE_INVALID");
    }

    @Test
    void aCallbackWithoutTheCookieOfItsSignInIsRefused() throws Exception {
        IdpUser carol = IDP.addUser(email("carol"), true, "Carol");
        URI callback = browserOf(carol).followUntil(start("testidp"), uri -> uri.getPath().endsWith("/callback"));

        URI page = browserOf(carol).followUntil(callback, this::isWebClientPage);

        assertThat(page.toString()).endsWith("/sso/error?code=SSO_STATE_INVALID");
    }

    @Test
    void idTokensSignedByAnotherKeyForAnotherAudienceExpiredOrWithAReplayedNonceAreRefusedAndAudited() {
        IdpUser dan = IDP.addUser(email("dan"), true, "Dan");
        assertThat(browserOf(dan).followUntil(start("testidp"), this::isWebClientPage).getPath())
                .isEqualTo("/sso/complete"); // a login whose nonce the replay below carries
        for (Misbehaviour way : Misbehaviour.values()) {
            IDP.misbehave(way);

            URI page = browserOf(dan).followUntil(start("testidp"), this::isWebClientPage);

            assertThat(page.toString()).as(way.name()).endsWith("/sso/error?code=SSO_TOKEN_INVALID");
        }
        IDP.behave();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deniedReasons())
                .anySatisfy(reason -> assertThat(reason).contains("SSO_TOKEN_INVALID").containsIgnoringCase("signature"))
                .anySatisfy(reason -> assertThat(reason).containsIgnoringCase("audience"))
                .anySatisfy(reason -> assertThat(reason).containsIgnoringCase("expired"))
                .anySatisfy(reason -> assertThat(reason).containsIgnoringCase("nonce")));
    }

    @Test
    void anExistingAccountIsLinkedOnlyByAVerifiedEmailAndItsPassword() throws Exception {
        JsonNode account = client.register("Eve");
        String address = account.get("email").asString();

        IdpUser unverified = IDP.addUser("eve-unverified-" + UUID.randomUUID(), "pw", address, false, "Eve");
        assertThat(browserOf(unverified).followUntil(start("testidp"), this::isWebClientPage).toString())
                .endsWith("/sso/error?code=SSO_EMAIL_UNVERIFIED");
        assertDeniedAudited("SSO_EMAIL_UNVERIFIED");

        IdpUser verified = IDP.addUser("eve-" + UUID.randomUUID(), "pw", address, true, "Eve");
        OidcBrowser browser = browserOf(verified);
        URI link = browser.followUntil(start("testidp"), this::isWebClientPage);
        assertThat(link.getPath()).isEqualTo("/sso/link");
        HttpResponse<String> wrong = browser.postJson(api("/api/v1/auth/sso/link"), null,
                "{\"ticket\":\"" + ticketOf(link) + "\",\"password\":\"not the password\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("code").asString()).isEqualTo("AUTH_INVALID_CREDENTIALS");

        HttpResponse<String> elsewhere = client.send("POST", "/api/v1/auth/sso/link", null,
                "{\"ticket\":\"" + ticketOf(link) + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");
        assertThat(elsewhere.statusCode()).as("without the browser's cookie").isEqualTo(400);

        HttpResponse<String> linked = browser.postJson(api("/api/v1/auth/sso/link"), null,
                "{\"ticket\":\"" + ticketOf(link) + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        assertThat(json(client.send("GET", "/api/v1/users/me", json(linked).get("accessToken").asString(), null))
                .get("id").asString()).isEqualTo(account.get("id").asString());
        assertThat(browserOf(verified).followUntil(start("testidp"), this::isWebClientPage).getPath())
                .as("linked now: straight in").isEqualTo("/sso/complete");
    }

    @Test
    void aSignedInUserConnectsAProviderAndDisconnectsIt() throws Exception {
        AuthClient.Account frank = client.newVerifiedAccount("Frank", mail);
        IdpUser atProvider = IDP.addUser("frank-" + UUID.randomUUID(), "pw", email("frank-elsewhere"), false, "F");
        OidcBrowser browser = browserOf(atProvider);
        JsonNode url = json(browser.postJson(api("/api/v1/users/me/sso/testidp/link"), frank.accessToken(), ""));

        URI page = browser.followUntil(URI.create(url.get("url").asString()), this::isWebClientPage);

        assertThat(page.toString()).endsWith("/sso/complete?linked=testidp");
        assertThat(json(client.send("GET", "/api/v1/users/me/sso", frank.accessToken(), null)).get("items"))
                .hasSize(1);
        assertThat(client.send("DELETE", "/api/v1/users/me/sso/testidp", frank.accessToken(), null).statusCode())
                .isEqualTo(204);
        assertThat(json(client.send("GET", "/api/v1/users/me/sso", frank.accessToken(), null)).get("items")).isEmpty();
    }

    @Test
    void anAccountWithASecondFactorIsNotLinkedByItsPasswordAlone() throws Exception {
        AuthClient.Account tess = client.newVerifiedAccount("Tess", mail);
        client.enrolTotp(tess.accessToken());
        OidcBrowser browser = browserOf(IDP.addUser("tess-" + UUID.randomUUID(), "pw", tess.email(), true, "Tess"));
        URI link = browser.followUntil(start("testidp"), this::isWebClientPage);
        assertThat(link.getPath()).isEqualTo("/sso/link");

        HttpResponse<String> refused = browser.postJson(api("/api/v1/auth/sso/link"), null,
                "{\"ticket\":\"" + ticketOf(link) + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("code").asString()).isEqualTo("SSO_SIGN_IN_FIRST");
        assertThat(json(refused).has("accessToken")).isFalse();
        assertThat(json(client.send("GET", "/api/v1/users/me/sso", tess.accessToken(), null)).get("items")).isEmpty();
        assertDeniedAudited("SSO_SIGN_IN_FIRST");
    }

    @Test
    void anAccountWhoseEmailIsNotVerifiedConnectsNoProvider() throws Exception {
        AuthClient.Account unverified = client.newAccount("Someone else's address");

        HttpResponse<String> refused = client.send("POST", "/api/v1/users/me/sso/testidp/link",
                unverified.accessToken(), null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("code").asString()).isEqualTo("SSO_EMAIL_UNVERIFIED");
    }

    @Test
    void disconnectingAProviderEndsTheSessionsItOpened() throws Exception {
        AuthClient.Account jo = client.newAccount("Jo");
        OidcBrowser browser = browserOf(IDP.addUser("jo-" + UUID.randomUUID(), "pw", jo.email(), true, "Jo"));
        URI link = browser.followUntil(start("testidp"), this::isWebClientPage);
        JsonNode federated = json(browser.postJson(api("/api/v1/auth/sso/link"), null,
                "{\"ticket\":\"" + ticketOf(link) + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}"));
        String access = federated.get("accessToken").asString();
        assertThat(client.send("GET", "/api/v1/users/me", access, null).statusCode()).isEqualTo(200);

        assertThat(client.send("DELETE", "/api/v1/users/me/sso/testidp", jo.accessToken(), null).statusCode())
                .isEqualTo(204);

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(client.send("GET", "/api/v1/users/me", access, null).statusCode()).isEqualTo(401));
        assertThat(refresh(federated.get("refreshToken").asString()).statusCode()).isEqualTo(401);
        assertThat(client.send("GET", "/api/v1/users/me", jo.accessToken(), null).statusCode())
                .as("the password's session goes on").isEqualTo(200);
    }

    @Test
    void aPasswordAccountOfADomainThatMustUseSingleSignOnConfirmsItsPasswordToLinkTheProvider() throws Exception {
        AuthClient.Account kim = client.newAccount("Kim");
        String address = "kim-" + UUID.randomUUID() + "@sso-only.example"; // from before the domain required SSO
        jdbc.sql("UPDATE users SET email = :email WHERE id = :id").param("email", address).param("id", kim.id())
                .update();
        OidcBrowser browser = browserOf(IDP.addUser("kim-" + UUID.randomUUID(), "pw", address, true, "Kim"));
        URI link = browser.followUntil(start("testidp"), this::isWebClientPage);

        HttpResponse<String> linked = browser.postJson(api("/api/v1/auth/sso/link"), null,
                "{\"ticket\":\"" + ticketOf(link) + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");

        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        HttpResponse<String> login = client.send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + address + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");
        assertThat(json(login).get("code").asString()).as("logging in is still SSO only").isEqualTo("AUTH_SSO_REQUIRED");
    }

    @Test
    void aProviderErrorGoesIntoTheAuditTrailOnlyAsABoundedCode() throws Exception {
        OidcBrowser browser = browserOf(IDP.addUser(email("lena"), true, "Lena"));
        URI callback = browser.followUntil(start("testidp"), uri -> uri.getPath().endsWith("/callback"));
        String forged = "access_denied%0A2030-01-01+auth.login+success+admin";
        URI answered = URI.create(callback.toString().replaceAll("code=[^&]+", "error=" + forged
                + "&error_description=" + forged));

        URI page = browser.followUntil(answered, this::isWebClientPage);

        assertThat(page.toString()).endsWith("/sso/error?code=SSO_PROVIDER_ERROR");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deniedReasons())
                .contains("SSO_PROVIDER_ERROR: provider answered invalid"));
        assertThat(deniedReasons()).noneSatisfy(reason -> assertThat(reason).contains("admin"));
    }

    @Test
    void anAccountWithoutAPasswordKeepsItsLastProvider() throws Exception {
        IdpUser gina = IDP.addUser(email("gina"), true, "Gina");
        String token = signIn(gina, "testidp").get("accessToken").asString();

        HttpResponse<String> refused = client.send("DELETE", "/api/v1/users/me/sso/testidp", token, null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("code").asString()).isEqualTo("SSO_LAST_SIGN_IN_METHOD");
    }

    @Test
    void anEmailDomainThatMustUseSingleSignOnCannotLogInOrRegisterWithAPassword() throws Exception {
        HttpResponse<String> refused = client.send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"someone@SSO-only.example\",\"password\":\"whatever it is\"}");
        HttpResponse<String> notRegistered = client.send("POST", "/api/v1/auth/register", null,
                "{\"email\":\"newcomer@sso-only.example\",\"password\":\"a long enough passphrase\","
                        + "\"displayName\":\"Newcomer\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("code").asString()).isEqualTo("AUTH_SSO_REQUIRED");
        assertThat(json(refused).get("provider").asString()).isEqualTo("testidp");
        assertThat(notRegistered.statusCode()).as(notRegistered.body()).isEqualTo(403);
        assertThat(json(notRegistered).get("code").asString()).isEqualTo("AUTH_SSO_REQUIRED");
    }

    @Test
    void aSessionEndsWhenTheProviderNoLongerRefreshesIt() throws Exception {
        IdpUser hugo = IDP.addUser(email("hugo"), true, "Hugo");
        JsonNode tokens = signIn(hugo, "testidp");
        HttpResponse<String> refreshed = refresh(tokens.get("refreshToken").asString());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);

        IDP.revokeRefreshTokens(hugo.username());
        HttpResponse<String> ended = refresh(json(refreshed).get("refreshToken").asString());

        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(json(ended).get("code").asString()).isEqualTo("AUTH_SSO_SESSION_ENDED");
        String access = json(refreshed).get("accessToken").asString();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(client.send("GET", "/api/v1/users/me", access, null).statusCode()).isEqualTo(401));
    }

    @Test
    void aProviderThatCannotBeReachedFailsTheRefreshWith503AndKeepsTheSession() throws Exception {
        IdpUser iris = FLAKY.addUser(email("iris"), true, "Iris");
        JsonNode tokens = signIn(iris, "flaky");

        FLAKY.close();
        HttpResponse<String> refused = refresh(tokens.get("refreshToken").asString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).get("code").asString()).isEqualTo("SSO_PROVIDER_UNAVAILABLE");
        assertThat(client.send("GET", "/api/v1/users/me", tokens.get("accessToken").asString(), null).statusCode())
                .as("the session goes on").isEqualTo(200);
    }

    @Test
    void startingAtAProviderThatCannotBeReachedAnswers503() throws Exception {
        HttpResponse<String> refused = client.send("GET", "/api/v1/auth/sso/down/start", null, null);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).get("code").asString()).isEqualTo("SSO_PROVIDER_UNAVAILABLE");
        assertThat(client.send("GET", "/api/v1/auth/sso/nobody/start", null, null).statusCode()).isEqualTo(404);
    }

    private static String callback(String provider) {
        return PUBLIC_URL + "/api/v1/auth/sso/" + provider + "/callback";
    }

    private static void provider(DynamicPropertyRegistry registry, String id, String issuer, String clientId,
                                 String secret, String name) {
        String prefix = "secureconnect.sso.providers." + id + ".";
        registry.add(prefix + "issuer", () -> issuer);
        registry.add(prefix + "client-id", () -> clientId);
        registry.add(prefix + "client-secret", () -> secret);
        registry.add(prefix + "display-name", () -> name);
    }

    private static String email(String name) {
        return name + "-" + UUID.randomUUID() + "@example.org";
    }

    private URI start(String provider) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/auth/sso/" + provider + "/start");
    }

    /** The gateway's part: the public address leads to this service (its /sso pages stay where they are). */
    private OidcBrowser browserOf(IdpUser person) {
        return new OidcBrowser(person, this::toService);
    }

    private URI toService(URI uri) {
        return uri.toString().startsWith(PUBLIC_URL + "/api/")
                ? URI.create(uri.toString().replace(PUBLIC_URL, "http://127.0.0.1:" + port)) : uri;
    }

    private boolean isWebClientPage(URI uri) {
        return uri.getPath().startsWith("/sso/");
    }

    private static String ticketOf(URI page) {
        return page.getQuery().replaceAll(".*ticket=([^&]+).*", "$1");
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A sign-in through the provider to the end: its /sso/complete page posting its ticket, as the web client does. */
    private JsonNode signIn(IdpUser person, String provider) {
        OidcBrowser browser = browserOf(person);
        return complete(browser, browser.followUntil(start(provider), this::isWebClientPage));
    }

    private JsonNode complete(OidcBrowser browser, URI page) {
        HttpResponse<String> response = browser.postJson(api("/api/v1/auth/sso/complete"), null,
                "{\"ticket\":\"" + ticketOf(page) + "\",\"deviceName\":\"test browser\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        return client.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private void assertDeniedAudited(String code) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deniedReasons())
                .anySatisfy(reason -> assertThat(reason).startsWith(code)));
    }

    private static List<String> deniedReasons() {
        return AUDIT.sql("SELECT reason FROM audit_events WHERE action = 'auth.sso' AND result = 'denied'")
                .query(String.class).list();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return AuthClient.JSON.readTree(response.body());
    }
}
