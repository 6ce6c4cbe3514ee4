package io.secureconnect.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenPoolUnitTest {

    @Test
    void tokensAreSignedByTheServedKeyCarryTheCheckedClaimsAndComeRoundRobin() throws Exception {
        AccessTokenPool pool = AccessTokenPool.create(3, "secureconnect", "secureconnect");
        ECDSAVerifier verifier = new ECDSAVerifier(JWKSet.parse(pool.jwks()).getKeys().getFirst().toECKey());
        assertThat(pool.jwks()).doesNotContain("'").doesNotContain("\"d\"");

        Set<String> sessions = new HashSet<>();
        String first = pool.next();
        for (String token : new String[] {first, pool.next(), pool.next()}) {
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.verify(verifier)).isTrue();
            assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("secureconnect");
            assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("secureconnect");
            assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isInTheFuture();
            assertThat(jwt.getJWTClaimsSet().getClaim("mfa_enrolment")).isNull();
            sessions.add(jwt.getJWTClaimsSet().getStringClaim("sid"));
        }
        assertThat(sessions).hasSize(3);
        assertThat(pool.next()).isEqualTo(first);
    }
}
