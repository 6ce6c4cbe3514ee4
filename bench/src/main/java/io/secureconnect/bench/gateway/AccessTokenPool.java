package io.secureconnect.bench.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for auth-service's signing key: an EC P-256 key whose public half the nginx stub serves as the JWKS,
 * and a pool of access tokens shaped like auth-service's (ES256; sub, sid, jti, iat, exp, iss, aud, roles,
 * email_verified, as in the chat benchmark's {@code BenchTokens}), each of its own user and session, handed out
 * round robin: a gateway that caches validated tokens sees each one again every {@code size} requests, as it would
 * with that many active users, instead of one hot token or never the same one twice. No token carries
 * {@code mfa_enrolment}, so the gateway's enrolment check lets them through; no session is in Redis's revocation
 * list, so the revocation lookup answers "not revoked".
 */
final class AccessTokenPool {

    static final int DEFAULT_SIZE = 1_000;
    /** Longer than any run; the lifetime does not change what validating a token costs. */
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final String jwks;
    private final List<String> tokens;
    private final AtomicLong next = new AtomicLong();

    private AccessTokenPool(String jwks, List<String> tokens) {
        this.jwks = jwks;
        this.tokens = tokens;
    }

    static AccessTokenPool create(int size, String issuer, String audience) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).generate();
        ECDSASigner signer = new ECDSASigner(key);
        Instant now = Instant.now();
        List<String> tokens = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(UUID.randomUUID().toString())
                    .claim("sid", UUID.randomUUID().toString())
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(LIFETIME)))
                    .issuer(issuer)
                    .audience(List.of(audience))
                    .claim("roles", List.of("user"))
                    .claim("email_verified", true)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            tokens.add(jwt.serialize());
        }
        return new AccessTokenPool(new JWKSet(key.toPublicJWK()).toString(true), List.copyOf(tokens));
    }

    /** The public key as a JSON Web Key Set (compact JSON, no single quotes: it goes into nginx's config). */
    String jwks() {
        return jwks;
    }

    int size() {
        return tokens.size();
    }

    /** The next token, round robin. */
    String next() {
        return tokens.get((int) (next.getAndIncrement() % tokens.size()));
    }
}
