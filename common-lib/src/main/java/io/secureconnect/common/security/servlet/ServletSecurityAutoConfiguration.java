package io.secureconnect.common.security.servlet;

import java.util.List;

import jakarta.servlet.DispatcherType;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.config.RedisGuardAutoConfiguration;
import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.peer.PeerClientProperties;
import io.secureconnect.common.peer.PeerEndpoint;
import io.secureconnect.common.peer.auth.AuthSessionsApi;
import io.secureconnect.common.security.AuthServiceSessionStatus;
import io.secureconnect.common.security.RevokedSessions;
import io.secureconnect.common.security.SessionRevocationValidator;
import io.secureconnect.common.security.JwtValidation;
import io.secureconnect.common.security.SecurityProperties;
import io.secureconnect.common.web.servlet.ProblemResponses;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Zero trust in every MVC service: each request needs a valid access token unless its path is public
 * ({@code secureconnect.security.public-paths}, plus health, metrics and info). Stateless, no sessions, no CSRF
 * (no cookies are used), errors as audited problem+json.
 */
@AutoConfiguration(after = RedisGuardAutoConfiguration.class,
        beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({SecurityProperties.class, PeerClientProperties.class})
public class ServletSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<OAuth2TokenValidator<Jwt>> extraValidators) {
        return JwtValidation.decoder(properties, extraValidators.orderedStream().toList());
    }

    /** Where the session status is asked (the typed client of {@link AuthSessionsApi}). */
    @Bean
    PeerEndpoint authSessionPeer(SecurityProperties security, PeerClientProperties peers) {
        return AuthServiceSessionStatus.endpoint(security, peers);
    }

    /** Outside auth-service, the durable revocation answer comes from auth-service itself. */
    @Bean
    @ConditionalOnMissingBean
    RevokedSessions authServiceSessionStatus(AuthSessionsApi sessions) {
        return new AuthServiceSessionStatus(sessions);
    }

    @Bean
    @ConditionalOnBean({RedisGuard.class, StringRedisTemplate.class})
    SessionRevocationValidator sessionRevocationValidator(StringRedisTemplate redis, RedisGuard guard,
                                                          RevokedSessions durable) {
        return new SessionRevocationValidator(redis, guard, durable);
    }

    /** Lets a controller method take a {@link io.secureconnect.common.security.Caller} parameter. */
    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(ProblemResponses problems, AuditLogger audit) {
        return new ProblemSecurityHandlers(problems, audit);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain secureConnectFilterChain(HttpSecurity http, SecurityProperties properties, JwtDecoder decoder,
                                                 ProblemSecurityHandlers handlers) throws Exception {
        List<String> publicPaths = properties.publicPaths();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    authorize.requestMatchers("/health", "/health/**", "/metrics", "/info", "/v3/api-docs", "/v3/api-docs/**")
                            .permitAll();
                    if (!publicPaths.isEmpty()) {
                        authorize.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    }
                    authorize.anyRequest().access(new EnrolmentAwareAuthorization());
                })
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(new HandshakeAwareBearerTokenResolver())
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(JwtValidation.authenticationConverter()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers)
                        .withObjectPostProcessor(answerKeyFailuresInsideTheChain(handlers)))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .addFilterAfter(new UserMdcFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * By default an unreachable JWKS escapes the filter chain as an exception, which the container logs without our
     * request id before the error page runs; handled here, it becomes a 503 problem like any other answer.
     */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> answerKeyFailuresInsideTheChain(
            ProblemSecurityHandlers handlers) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(handlers);
                failures.setRethrowAuthenticationServiceException(false);
                filter.setAuthenticationFailureHandler(failures);
                return filter;
            }
        };
    }
}
