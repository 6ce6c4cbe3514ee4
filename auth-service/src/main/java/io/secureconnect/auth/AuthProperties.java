package io.secureconnect.auth;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of auth-service.
 *
 * @param signingKeyFile      the ES256 private key as a JWK JSON file; in production mounted from a secret
 * @param generateSigningKey  create and persist a key at {@code signingKeyFile} when none exists (local runs);
 *                            production sets false so a missing secret stops the service instead of rotating keys
 * @param accessTokenTtl      lifetime of access tokens
 * @param refreshTokenTtl     lifetime of refresh tokens (sessions)
 * @param passwordHashing     Argon2id cost and how many hashes may run at once
 */
@ConfigurationProperties("secureconnect.auth")
public record AuthProperties(
        Path signingKeyFile,
        @DefaultValue("true") boolean generateSigningKey,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue PasswordHashing passwordHashing) {

    /**
     * Argon2id parameters (OWASP's first recommendation: 19 MiB, 2 iterations, 1 lane) and a bulkhead: more
     * concurrent hashes than cores would only queue inside the CPU and starve token-only requests.
     */
    public record PasswordHashing(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
                                  @DefaultValue("1") int parallelism, @DefaultValue("2") int maxConcurrent) {
    }
}
