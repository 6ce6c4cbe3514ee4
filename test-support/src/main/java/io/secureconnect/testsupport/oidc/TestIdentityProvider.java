package io.secureconnect.testsupport.oidc;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import io.secureconnect.testsupport.FreePorts;

/**
 * A real OpenID Connect provider in the test's JVM: Spring Authorization Server on an embedded Tomcat at
 * {@code http://localhost:<free port>} (the issuer), with discovery, JWKS, authorization code with PKCE, refresh
 * tokens and a form login a browser (or {@link OidcBrowser}) fills in. One confidential client, whose redirect URIs
 * the test gives; people are added by the test with the email and {@code email_verified} their ID tokens carry.
 * Services started as processes reach it over HTTP like any provider.
 *
 * <p>A test can make it misbehave ({@link #misbehave}) and revoke what a person was granted
 * ({@link #revokeRefreshTokens}), to prove the relying party refuses and ends what it must.
 */
public final class TestIdentityProvider implements AutoCloseable {

    private final IdpState state;
    private final AnnotationConfigServletWebServerApplicationContext context;

    private TestIdentityProvider(IdpState state, AnnotationConfigServletWebServerApplicationContext context) {
        this.state = state;
        this.context = context;
    }

    /** Starts a provider with a fresh client id and secret that accepts the given redirect URIs. */
    public static TestIdentityProvider start(String... redirectUris) {
        int port = FreePorts.next();
        var state = new IdpState("http://localhost:" + port, "secureconnect-" + UUID.randomUUID(),
                UUID.randomUUID().toString(), List.of(redirectUris));
        var context = new AnnotationConfigServletWebServerApplicationContext();
        context.registerBean(IdpState.class, () -> state);
        context.register(IdpConfiguration.class);
        context.refresh();
        return new TestIdentityProvider(state, context);
    }

    public String issuer() {
        return state.issuer;
    }

    public String clientId() {
        return state.clientId;
    }

    public String clientSecret() {
        return state.clientSecret;
    }

    /** Adds a person who can log in at the provider's form with {@code username} and {@code password}. */
    public IdpUser addUser(String username, String password, String email, boolean emailVerified, String name) {
        var user = new IdpUser(username, password, email, emailVerified, name);
        state.users.put(username, user);
        return user;
    }

    /** A person whose username is their email, with a random password. */
    public IdpUser addUser(String email, boolean emailVerified, String name) {
        return addUser(email, UUID.randomUUID().toString(), email, emailVerified, name);
    }

    /** Also accepts {@code redirectUri} for the client (known only once a relying party has started). */
    public void allowRedirectUri(String redirectUri) {
        var clients = context.getBean(RegisteredClientRepository.class);
        RegisteredClient client = Objects.requireNonNull(clients.findByClientId(state.clientId));
        clients.save(RegisteredClient.from(client).redirectUri(redirectUri).build());
    }

    /** Issues ID tokens that way from now on, until {@link #behave()}. */
    public void misbehave(Misbehaviour way) {
        state.misbehaviour.set(way);
    }

    public void behave() {
        state.misbehaviour.set(null);
    }

    /** Forgets every code, access and refresh token the person was granted: a refresh with one gets invalid_grant. */
    public void revokeRefreshTokens(String username) {
        context.getBean(RevocableAuthorizations.class).revokeAll(username);
    }

    public URI discoveryUri() {
        return URI.create(state.issuer + "/.well-known/openid-configuration");
    }

    /** Stops the provider: it can no longer be reached. */
    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return "TestIdentityProvider[" + state.issuer + "]";
    }
}
