package io.secureconnect.testsupport.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints access tokens shaped like auth-service's (ARCHITECTURE §5: ES256; {@code sub}, {@code sid}, {@code jti},
 * {@code iat}, {@code exp} = 15 minutes, {@code iss}, {@code aud}, {@code roles}, {@code email_verified}), signed by
 * the shared {@link TestJwks} key, so a service under test accepts them through its real JWKS-based validation.
 *
 * <pre>{@code
 * var token = TestTokens.accessToken(userId);
 * var admin = TestTokens.forUser(userId).roles("user", "admin").mint();
 * }</pre>
 */
public final class TestTokens {

    public static final String ISSUER = "secureconnect";
    public static final String AUDIENCE = "secureconnect";
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    public static final List<String> DEFAULT_ROLES = List.of("user");

    private TestTokens() {
    }

    /** A valid token for the user with role {@code user}. */
    public static String accessToken(UUID userId) {
        return forUser(userId).mint();
    }

    public static String accessToken(UUID userId, List<String> roles) {
        return forUser(userId).roles(roles).mint();
    }

    /** A token that expired 15 minutes ago (well beyond any clock-skew allowance). */
    public static String expiredAccessToken(UUID userId) {
        return forUser(userId).issuedAt(Instant.now().minus(LIFETIME.multipliedBy(2))).mint();
    }

    /** A well-formed token whose signature no JWKS key verifies (it carries the JWKS's {@code kid}). */
    public static String accessTokenSignedByUnknownKey(UUID userId) {
        var impostor = new ECKey.Builder(TestJwks.generateKey()).keyID(TestJwks.shared().keyId()).build();
        return sign(forUser(userId).claims(), impostor);
    }

    /** Starts a token for the user with the default claims, to change before {@link Builder#mint()}. */
    public static Builder forUser(UUID userId) {
        return new Builder(userId);
    }

    /** Signs exactly these claims with the shared JWKS key. */
    public static String mint(JWTClaimsSet claims) {
        return sign(claims, TestJwks.shared().signingKey());
    }

    private static String sign(JWTClaimsSet claims, ECKey key) {
        var header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
        return jwt.serialize();
    }

    /** The claims of one access token; every setter returns this builder. */
    public static final class Builder {

        private final UUID userId;
        private UUID sessionId = UUID.randomUUID();
        private String tokenId = UUID.randomUUID().toString();
        private Instant issuedAt = Instant.now();
        private Duration lifetime = LIFETIME;
        private List<String> roles = DEFAULT_ROLES;
        private boolean emailVerified = true;
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private final JWTClaimsSet.Builder extraClaims = new JWTClaimsSet.Builder();
        private final Set<String> omittedClaims = new HashSet<>();

        private Builder(UUID userId) {
            this.userId = userId;
        }

        public Builder sessionId(UUID sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder tokenId(String jti) {
            this.tokenId = jti;
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder roles(List<String> roles) {
            this.roles = List.copyOf(roles);
            return this;
        }

        public Builder roles(String... roles) {
            return roles(List.of(roles));
        }

        public Builder emailVerified(boolean emailVerified) {
            this.emailVerified = emailVerified;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Adds or replaces any claim, after the standard ones are set. */
        public Builder claim(String name, Object value) {
            extraClaims.claim(name, value);
            return this;
        }

        /** Leaves a claim out, standard or not, for tokens that lack something ({@code "sid"}, {@code "roles"}). */
        public Builder without(String claimName) {
            omittedClaims.add(claimName);
            return this;
        }

        public JWTClaimsSet claims() {
            var builder = new JWTClaimsSet.Builder()
                    .subject(userId.toString())
                    .claim("sid", sessionId.toString())
                    .jwtID(tokenId)
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(Date.from(issuedAt.plus(lifetime)))
                    .issuer(issuer)
                    .audience(audience)
                    .claim("roles", roles)
                    .claim("email_verified", emailVerified);
            extraClaims.build().getClaims().forEach(builder::claim);
            omittedClaims.forEach(name -> builder.claim(name, null));
            return builder.build();
        }

        public String mint() {
            return TestTokens.mint(claims());
        }
    }
}
