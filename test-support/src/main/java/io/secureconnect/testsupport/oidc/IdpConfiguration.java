package io.secureconnect.testsupport.oidc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Authorization Server as an OpenID provider: one filter chain with the protocol endpoints, a form login for
 * the people of {@link IdpState}, one confidential client (PKCE required, no consent screen, refresh tokens) and the
 * ID token claims and misbehaviours the test asks for.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class IdpConfiguration {

    /** The key the JWKS publishes, and another with the same {@code kid} that it does not. */
    private static final String KEY_ID = "test-idp-key";
    private final RSAKey publishedKey = rsaKey();
    private final RSAKey rogueKey = rsaKey();

    @Bean
    TomcatServletWebServerFactory webServerFactory(IdpState state) {
        var factory = new TomcatServletWebServerFactory(java.net.URI.create(state.issuer).getPort());
        // every endpoint is a filter of the chain below, and Tomcat runs filters only for a request some servlet maps
        factory.setRegisterDefaultServlet(true);
        return factory;
    }

    @Bean
    SecurityFilterChain identityProvider(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdpState state) {
        return AuthorizationServerSettings.builder().issuer(state.issuer).build();
    }

    @Bean
    RegisteredClientRepository clients(IdpState state) {
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(state.clientId)
                .clientSecret("{noop}" + state.clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(state.redirectUris))
                .scope(OidcScopes.OPENID).scope(OidcScopes.EMAIL).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(client);
    }

    @Bean
    RevocableAuthorizations authorizationService() {
        return new RevocableAuthorizations();
    }

    @Bean
    UserDetailsService people(IdpState state) {
        return username -> {
            IdpUser user = state.users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("no such user at the test provider");
            }
            return User.withUsername(user.username()).password("{noop}" + user.password()).roles("USER").build();
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() {
        return new ImmutableJWKSet<>(new JWKSet(publishedKey));
    }

    /** Signs with the published key, or with the rogue one while the test asks for {@link Misbehaviour#SIGN_WITH_OTHER_KEY}. */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource, IdpState state) {
        JwtEncoder published = new NimbusJwtEncoder(jwkSource);
        JwtEncoder rogue = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(rogueKey)));
        return parameters -> (state.misbehaves(Misbehaviour.SIGN_WITH_OTHER_KEY) ? rogue : published).encode(parameters);
    }

    /** For the provider's own userinfo endpoint, which takes its access tokens. */
    @Bean
    JwtDecoder jwtDecoder() throws Exception {
        return NimbusJwtDecoder.withPublicKey(publishedKey.toRSAPublicKey()).build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(IdpState state) {
        return context -> {
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            IdpUser user = state.users.get(context.getPrincipal().getName());
            if (user != null) {
                context.getClaims().claim("email", user.email()).claim("email_verified", user.emailVerified())
                        .claim("name", user.name());
            }
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                context.getClaims().claims(claims -> {
                    String nonce = (String) claims.get("nonce");
                    String previous = state.lastNonce.getAndSet(nonce);
                    if (state.misbehaves(Misbehaviour.REPLAY_NONCE)) {
                        claims.put("nonce", previous == null ? "a-nonce-of-another-login" : previous);
                    }
                });
            }
            if (state.misbehaves(Misbehaviour.OTHER_AUDIENCE)) {
                context.getClaims().audience(List.of("another-client"));
            }
            if (state.misbehaves(Misbehaviour.EXPIRED_ID_TOKEN)) {
                Instant now = Instant.now();
                context.getClaims().issuedAt(now.minus(20, ChronoUnit.MINUTES))
                        .expiresAt(now.minus(10, ChronoUnit.MINUTES));
            }
        };
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("could not generate the test provider's key", e);
        }
    }
}
