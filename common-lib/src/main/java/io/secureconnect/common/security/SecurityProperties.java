package io.secureconnect.common.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service and the gateway check access tokens (ARCHITECTURE §5).
 *
 * @param jwksUri     where auth-service publishes its signing keys; keys are fetched lazily and cached
 * @param issuer      required {@code iss} claim
 * @param audience    required {@code aud} claim
 * @param publicPaths path patterns that need no token (health and metrics are always public)
 * @param sessionStatusUri where services ask auth-service whether a token's session is revoked while Redis is down
 * @param verifiedTokensCached how many accepted tokens the gateway remembers until they expire, so that their
 *                    signatures are not checked again on every request (0: none)
 */
@ConfigurationProperties("secureconnect.security")
public record SecurityProperties(
        @DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") String jwksUri,
        @DefaultValue("secureconnect") String issuer,
        @DefaultValue("secureconnect") String audience,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("http://127.0.0.1:8081/internal/v1/sessions/current") String sessionStatusUri,
        @DefaultValue("10000") int verifiedTokensCached) {
}
