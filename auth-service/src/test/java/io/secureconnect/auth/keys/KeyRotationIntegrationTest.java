package io.secureconnect.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * Rotating the signing key without logging anyone out: both keys are published, new tokens use the new one, and
 * tokens signed with the previous key keep working. The configured administrator's address, registered but not yet
 * verified, gives no admin role (ConfiguredAdministratorIntegrationTest follows it through verification).
 */
@WithPostgres
@WithRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.auth.admin-email=Boss@Example.com")
class KeyRotationIntegrationTest {

    private static final ECKey PREVIOUS = generate();
    private static final ECKey CURRENT = generate();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry properties) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "test-keys", UUID.randomUUID().toString()));
        Path current = Files.writeString(folder.resolve("current.json"), CURRENT.toJSONString());
        Path previous = Files.writeString(folder.resolve("previous.json"), PREVIOUS.toJSONString());
        properties.add("secureconnect.auth.signing-key-file", current::toString);
        properties.add("secureconnect.auth.previous-signing-key-file", previous::toString);
        properties.add("secureconnect.auth.generate-signing-key", () -> "false");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bothKeysArePublishedAndNewTokensUseTheCurrentOne() throws Exception {
        JWKSet published = JWKSet.parse(send(request("/.well-known/jwks.json").GET().build()).body());

        assertThat(published.getKeys()).extracting(key -> key.getKeyID())
                .containsExactly(CURRENT.getKeyID(), PREVIOUS.getKeyID());
        assertThat(published.getKeys()).allMatch(key -> !key.isPrivate());

        String accessToken = loginAs(register("Boss@example.com"));
        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(CURRENT.getKeyID());
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("user");
    }

    @Test
    void aTokenSignedWithThePreviousKeyIsStillValid() throws Exception {
        String email = register("old-" + UUID.randomUUID() + "@example.com");
        SignedJWT issued = SignedJWT.parse(loginAs(email));
        SignedJWT resigned = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(PREVIOUS.getKeyID()).build(),
                new JWTClaimsSet.Builder(issued.getJWTClaimsSet()).issueTime(Date.from(Instant.now())).build());
        resigned.sign(new ECDSASigner(PREVIOUS));

        HttpResponse<String> me = send(request("/api/v1/users/me").header("Authorization", "Bearer " + resigned.serialize())
                .GET().build());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.builder().build().readTree(me.body()).get("roles")).isNull();
    }

    private String register(String email) throws Exception {
        HttpResponse<String> response = send(request("/api/v1/auth/register").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"email\":\"" + email
                        + "\",\"password\":\"correct horse battery staple\",\"displayName\":\"Someone\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return email;
    }

    private String loginAs(String email) throws Exception {
        HttpResponse<String> response = send(request("/api/v1/auth/login").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}"))
                .build());
        return JsonMapper.builder().build().readTree(response.body()).get("accessToken").asString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, BodyHandlers.ofString());
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
