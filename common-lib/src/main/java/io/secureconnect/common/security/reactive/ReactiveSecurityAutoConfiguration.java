package io.secureconnect.common.security.reactive;

import java.time.Clock;
import java.util.List;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.config.RedisGuardAutoConfiguration;
import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.redis.RedisSubscription;
import io.secureconnect.common.peer.PeerClientProperties;
import io.secureconnect.common.peer.PeerEndpoint;
import io.secureconnect.common.peer.auth.AuthSessionsApi;
import io.secureconnect.common.security.AuthServiceSessionStatus;
import io.secureconnect.common.security.JwtValidation;
import io.secureconnect.common.security.RevokedSessionsMirror;
import io.secureconnect.common.security.SecurityProperties;
import io.secureconnect.common.web.reactive.WebFluxProblemHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

import reactor.core.publisher.Mono;

/** The same token rules as the MVC services, for the WebFlux gateway: JWT checked at the edge. */
@AutoConfiguration(after = RedisGuardAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        beforeName = "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties({SecurityProperties.class, PeerClientProperties.class})
public class ReactiveSecurityAutoConfiguration {

    /** Where the session status is asked (the typed client of {@link AuthSessionsApi}). */
    @Bean
    PeerEndpoint authSessionPeer(SecurityProperties security, PeerClientProperties peers) {
        return AuthServiceSessionStatus.endpoint(security, peers);
    }

    /** The gateway's copy of the revoked sessions, so that most requests' revocation check is a memory lookup. */
    @Bean
    @ConditionalOnBean({StringRedisTemplate.class, RedisGuard.class})
    RevokedSessionsMirror revokedSessionsMirror(StringRedisTemplate redis, RedisGuard guard) {
        return new RevokedSessionsMirror(redis, guard, Clock.systemUTC());
    }

    /** Announced revocations reach the copy at once, without waiting for its next sync. */
    @Bean
    @ConditionalOnBean({StringRedisTemplate.class, RedisGuard.class})
    RedisSubscription revokedSessionsMirrorFeed(RevokedSessionEvents events, RedisConnectionFactory connections,
                                                RevokedSessionsMirror mirror) {
        return events.subscription(connections, mirror::accept);
    }

    @Bean
    @ConditionalOnBean({ReactiveStringRedisTemplate.class, StringRedisTemplate.class, RedisGuard.class})
    ReactiveSessionRevocationCheck reactiveSessionRevocationCheck(ReactiveStringRedisTemplate redis, RedisGuard guard,
                                                                  AuthSessionsApi sessions, RevokedSessionsMirror mirror) {
        return new ReactiveSessionRevocationCheck(redis, guard, new AuthServiceSessionStatus(sessions), mirror);
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder reactiveJwtDecoder(SecurityProperties properties,
                                          ObjectProvider<OAuth2TokenValidator<Jwt>> extraValidators,
                                          ObjectProvider<ReactiveSessionRevocationCheck> revocation) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(JwtValidation.validator(properties, extraValidators.orderedStream().toList()));
        // The reactive decoder reports an unreachable JWKS as IllegalStateException; as a JwtException it becomes an
        // AuthenticationServiceException (503), like the servlet decoder's, instead of an unexpected 500.
        ReactiveJwtDecoder checked = token -> decoder.decode(token).onErrorMap(IllegalStateException.class,
                e -> new JwtException("Could not obtain the signing keys", e));
        ReactiveJwtDecoder remembered = properties.verifiedTokensCached() > 0
                ? new VerifiedTokenCache(checked, properties.verifiedTokensCached(), Clock.systemUTC()) : checked;
        ReactiveSessionRevocationCheck check = revocation.getIfAvailable();
        return check == null ? remembered : check.around(remembered);
    }

    @Bean
    ReactiveProblemSecurityHandlers reactiveProblemSecurityHandlers(WebFluxProblemHandler problems, AuditLogger audit) {
        return new ReactiveProblemSecurityHandlers(problems, audit);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain secureConnectWebFilterChain(ServerHttpSecurity http, SecurityProperties properties,
                                                       ReactiveJwtDecoder decoder, ReactiveProblemSecurityHandlers handlers) {
        List<String> publicPaths = properties.publicPaths();
        Converter<Jwt, ? extends Mono<? extends AbstractAuthenticationToken>> converter =
                new ReactiveJwtAuthenticationConverterAdapter(JwtValidation.authenticationConverter());
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // stateless: the default repository creates a WebSession per request (two thread hops each)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(authorize -> {
                    authorize.pathMatchers("/health", "/health/**", "/metrics", "/info").permitAll();
                    if (!publicPaths.isEmpty()) {
                        authorize.pathMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    }
                    authorize.anyExchange().access(new EnrolmentAwareReactiveAuthorization());
                })
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenConverter(new HandshakeAwareServerTokenConverter())
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .build();
    }
}
