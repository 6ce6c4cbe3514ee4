package io.secureconnect.common.mvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Forged and bent tokens are refused by every service (401), each with the trick it tries: no signature, an HMAC
 * keyed with the public key, a foreign key under our key id, a payload edited after signing, a token from the
 * future, and claims meant for someone else.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenAttacksIntegrationTest {

    @LocalServerPort
    int port;

    private final UUID user = UUID.randomUUID();

    @Test
    void theRealTokenIsAccepted() throws Exception {
        assertThat(status(TestTokens.accessToken(user))).isEqualTo(200);
    }

    @Test
    void unsignedTokenIsRefused() throws Exception {
        assertThat(status(new PlainJWT(TestTokens.forUser(user).claims()).serialize())).isEqualTo(401);
    }

    @Test
    void hmacKeyedWithThePublicKeyIsRefused() throws Exception {
        byte[] publicKey = TestJwks.shared().signingKey().toPublicJWK().toJSONString().getBytes();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestJwks.shared().keyId()).build(),
                TestTokens.forUser(user).claims());
        jwt.sign(new MACSigner(java.util.Arrays.copyOf(publicKey, Math.max(32, publicKey.length))));

        assertThat(status(jwt.serialize())).isEqualTo(401);
    }

    @Test
    void foreignKeyUsingOurKeyIdIsRefused() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(TestJwks.shared().keyId()).build(),
                TestTokens.forUser(user).claims());
        jwt.sign(new ECDSASigner(attacker));

        assertThat(status(jwt.serialize())).isEqualTo(401);
    }

    @Test
    void payloadEditedAfterSigningIsRefused() throws Exception {
        String[] parts = TestTokens.accessToken(user).split("\\.");
        String admin = new JWTClaimsSet.Builder(TestTokens.forUser(user).roles("admin").claims()).build().toString();
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(admin.getBytes()) + "." + parts[2];

        assertThat(status(forged)).isEqualTo(401);
    }

    @Test
    void tokenNotYetValidIsRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(TestTokens.forUser(user).claims())
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))).build();

        assertThat(status(TestTokens.mint(claims))).isEqualTo(401);
    }

    @Test
    void tokensForAnotherIssuerOrAudienceOrWithoutSubjectAreRefused() throws Exception {
        assertThat(status(TestTokens.forUser(user).issuer("someone-else").mint())).isEqualTo(401);
        assertThat(status(TestTokens.forUser(user).audience("another-app").mint())).isEqualTo(401);
        assertThat(status(TestTokens.forUser(user).without("sub").mint())).isEqualTo(401);
        assertThat(status(TestTokens.forUser(user).without("sid").mint())).isEqualTo(401);
        assertThat(status(TestTokens.expiredAccessToken(user))).isEqualTo(401);
    }

    private int status(String token) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/items/1"))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
