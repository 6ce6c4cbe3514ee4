package io.secureconnect.common.security.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secureconnect.common.security.JwtValidation;
import io.secureconnect.common.security.SecurityProperties;
import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.time.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The gateway's memory of accepted tokens, in front of the real ES256 decoder and validators. */
class VerifiedTokenCacheUnitTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final VerifiedTokenCache cache = new VerifiedTokenCache(countingRealDecoder(), 100, clock);

    @Test
    void anAcceptedTokenIsCheckedOnceAndThenRememberedWithItsClaims() {
        UUID ann = UUID.randomUUID();
        String token = TestTokens.accessToken(ann);

        Jwt first = cache.decode(token).block();
        Jwt again = cache.decode(token).block();

        assertThat(again.getSubject()).isEqualTo(ann.toString()).isEqualTo(first.getSubject());
        assertThat(signatureChecks).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aRememberedTokenIsCheckedAgainOnceItExpired() {
        String token = TestTokens.forUser(UUID.randomUUID()).lifetime(Duration.ofMinutes(5)).mint();
        cache.decode(token).block();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(cache.size()).isZero();
        cache.decode(token).block(); // still valid on the validators' real clock, but expired on the cache's: not kept
        assertThat(signatureChecks).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusedTokensAreNeverRememberedAndStayRefused() {
        String forged = TestTokens.accessTokenSignedByUnknownKey(UUID.randomUUID());

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode(forged).block()).isInstanceOf(JwtException.class);
        }
        assertThat(signatureChecks).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void anotherTokenOfTheSameUserIsCheckedOnItsOwn() {
        UUID ann = UUID.randomUUID();
        cache.decode(TestTokens.forUser(ann).sessionId(UUID.randomUUID()).mint()).block();
        cache.decode(TestTokens.forUser(ann).sessionId(UUID.randomUUID()).mint()).block();

        assertThat(signatureChecks).hasValue(2);
        assertThat(cache.size()).isEqualTo(2);
    }

    private ReactiveJwtDecoder countingRealDecoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(TestJwks.shared().jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(JwtValidation.validator(new SecurityProperties(TestJwks.shared().jwksUri(),
                TestTokens.ISSUER, TestTokens.AUDIENCE, List.of(), "unused", 0), List.of()));
        return token -> {
            signatureChecks.incrementAndGet();
            return decoder.decode(token);
        };
    }
}
