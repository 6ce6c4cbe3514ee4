package io.secureconnect.auth;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of auth-service.
 *
 * @param signingKeyFile      the ES256 private key as a JWK JSON file; in production mounted from a secret
 * @param previousSigningKeyFile the key before the last rotation, still published so its tokens stay valid until
 *                            they expire; empty when there is none
 * @param adminEmail          the account with this email is an administrator (the first admin comes from config)
 * @param generateSigningKey  create and persist a key at {@code signingKeyFile} when none exists (local runs);
 *                            production sets false so a missing secret stops the service instead of rotating keys
 * @param accessTokenTtl      lifetime of access tokens
 * @param refreshTokenTtl     lifetime of refresh tokens (sessions)
 * @param passwordHashing     Argon2id cost and how many hashes may run at once
 * @param lockout             when failed logins lock an email or slow down an IP
 * @param publicUrl           base of the links sent by email
 * @param verificationTokenTtl how long an email verification link works
 * @param resetTokenTtl       how long a password reset link works
 * @param resetMailsPerHour   how many reset mails one address gets in an hour; further requests are answered the
 *                            same (202) and send nothing, so nobody can flood a mailbox through us
 * @param verificationMailsPerHour how many verification mails one address gets in an hour (the one sent at
 *                            registration included); further resend requests are answered the same and send nothing
 * @param emailLookupsPerHour how many exact-email lookups in the user directory one user may make in an hour
 *                            (S8: nobody walks a list of addresses through us); more answer 429
 */
@ConfigurationProperties("secureconnect.auth")
public record AuthProperties(
        Path signingKeyFile,
        Path previousSigningKeyFile,
        String adminEmail,
        @DefaultValue("true") boolean generateSigningKey,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue PasswordHashing passwordHashing,
        @DefaultValue Lockout lockout,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("24h") Duration verificationTokenTtl,
        @DefaultValue("1h") Duration resetTokenTtl,
        @DefaultValue("3") int resetMailsPerHour,
        @DefaultValue("3") int verificationMailsPerHour,
        @DefaultValue("30") int emailLookupsPerHour) {

    /**
     * Argon2id parameters (OWASP's first recommendation: 19 MiB, 2 iterations, 1 lane) and a bulkhead: keep
     * {@code maxConcurrent} below the number of cores (1 on 2 cores, {@code SC_AUTH_MAX_CONCURRENT_HASHES}), so
     * token-only requests always have CPU left while logins saturate their share.
     */
    /**
     * @param maxFailures      failed logins for one email within {@code window} that lock it
     * @param window           how far back failures count
     * @param duration         how long a lock lasts
     * @param maxFailuresPerIp failed logins from one address within {@code window} before it is refused
     */
    public record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
                          @DefaultValue("15m") Duration duration, @DefaultValue("30") int maxFailuresPerIp) {
    }

    public record PasswordHashing(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
                                  @DefaultValue("1") int parallelism, @DefaultValue("1") int maxConcurrent) {
    }
}
