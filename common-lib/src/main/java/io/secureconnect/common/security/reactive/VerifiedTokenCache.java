package io.secureconnect.common.security.reactive;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens a decoder accepted, until each one expires, so that a client's every request does not pay for
 * an ES256 signature check and the claim validators again: a token's signature, issuer, audience and subject cannot
 * change. Keyed by the SHA-256 of the token, so the cache holds no usable bearer token. Only accepted tokens are
 * kept; a refused one is checked again each time. What can change, whether the token's session was revoked, is not
 * cached here: the revocation check wraps this decoder and runs on every request. A token stays accepted until it
 * expires even if its signing key leaves the JWKS meanwhile (a key rotation keeps the old key published until its
 * tokens expired; a compromised session is revoked, which this cache does not hide).
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> accepted;

    public VerifiedTokenCache(ReactiveJwtDecoder decoder, long maximumTokens, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder().maximumSize(maximumTokens).expireAfter(new UntilTokenExpires())
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        String key = sha256(token);
        Jwt known = accepted.getIfPresent(key);
        if (known != null) {
            return Mono.just(known);
        }
        return decoder.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant())) {
                accepted.put(key, jwt);
            }
        });
    }

    /** How many accepted tokens are remembered now (for tests and metrics). */
    public long size() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** An entry lives until its token's {@code exp}; only tokens with one are ever put in. */
    private final class UntilTokenExpires implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String key, Jwt jwt, long currentTime) {
            Instant expiresAt = jwt.getExpiresAt();
            return Math.max(0, Duration.between(clock.instant(), expiresAt).toNanos());
        }

        @Override
        public long expireAfterUpdate(String key, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(key, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
