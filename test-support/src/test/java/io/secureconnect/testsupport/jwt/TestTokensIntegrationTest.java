package io.secureconnect.testsupport.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestTokensIntegrationTest {

    private static DefaultJWTProcessor<SecurityContext> verifier;
    private static JWKSet servedKeys;

    @BeforeAll
    static void fetchTheServedJwksLikeAResourceServer() throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(TestJwks.shared().jwksUri())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        servedKeys = JWKSet.parse(response.body());

        verifier = new DefaultJWTProcessor<>();
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(servedKeys)));
        verifier.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(TestTokens.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).build(),
                Set.of("sub", "sid", "jti", "iat", "exp", "roles")));
    }

    @Test
    void jwksServesOnlyThePublicHalfOfTheSigningKey() {
        assertThat(servedKeys.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyID()).isEqualTo(TestJwks.shared().keyId());
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        });
        assertThat(TestJwks.shared().jwksUri()).matches("http://127\\.0\\.0\\.1:\\d+/\\.well-known/jwks\\.json");
    }

    @Test
    void mintedAccessTokenVerifiesAgainstTheServedJwks() throws Exception {
        var userId = UUID.randomUUID();

        var token = TestTokens.accessToken(userId);

        var claims = verifier.process(token, null);
        assertThat(claims.getSubject()).isEqualTo(userId.toString());
        assertThat(claims.getStringClaim("sid")).isNotBlank();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringListClaim("roles")).containsExactly("user");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getAudience()).containsExactly("secureconnect");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        var header = SignedJWT.parse(token).getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(header.getKeyID()).isEqualTo(TestJwks.shared().keyId());
        assertThat(header.getType()).isEqualTo(JOSEObjectType.JWT);
    }

    @Test
    void rolesAndClaimsCanBeChosen() throws Exception {
        var userId = UUID.randomUUID();
        var sessionId = UUID.randomUUID();

        var claims = verifier.process(TestTokens.forUser(userId).roles("user", "admin").sessionId(sessionId)
                .emailVerified(false).claim("device", "phone").mint(), null);

        assertThat(claims.getStringListClaim("roles")).containsExactly("user", "admin");
        assertThat(claims.getStringClaim("sid")).isEqualTo(sessionId.toString());
        assertThat(claims.getBooleanClaim("email_verified")).isFalse();
        assertThat(claims.getStringClaim("device")).isEqualTo("phone");
        assertThat(verifier.process(TestTokens.accessToken(userId, List.of("admin")), null)
                .getStringListClaim("roles")).containsExactly("admin");
    }

    @Test
    void everyTokenHasItsOwnIdAndSession() throws Exception {
        var userId = UUID.randomUUID();

        var first = verifier.process(TestTokens.accessToken(userId), null);
        var second = verifier.process(TestTokens.accessToken(userId), null);

        assertThat(first.getJWTID()).isNotEqualTo(second.getJWTID());
        assertThat(first.getStringClaim("sid")).isNotEqualTo(second.getStringClaim("sid"));
    }

    @Test
    void expiredTokenIsRejected() {
        var token = TestTokens.expiredAccessToken(UUID.randomUUID());

        assertThatExceptionOfType(ExpiredJWTException.class).isThrownBy(() -> verifier.process(token, null));
    }

    @Test
    void tokenSignedByAnUnknownKeyIsRejected() {
        var token = TestTokens.accessTokenSignedByUnknownKey(UUID.randomUUID());

        assertThatExceptionOfType(BadJOSEException.class).isThrownBy(() -> verifier.process(token, null))
                .withMessageContaining("Signed JWT rejected");
    }

    @Test
    void tokenMissingARequiredClaimIsRejected() {
        var token = TestTokens.forUser(UUID.randomUUID()).without("sid").mint();

        assertThatExceptionOfType(BadJOSEException.class).isThrownBy(() -> verifier.process(token, null))
                .withMessageContaining("sid");
    }

    @Test
    void mintSignsExactlyTheGivenClaims() throws Exception {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder().subject("service:chat").issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE).jwtID("j").claim("sid", "s").claim("roles", List.of("service"))
                .issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(60))).build();

        assertThat(verifier.process(TestTokens.mint(claims), null).getSubject()).isEqualTo("service:chat");
    }
}
