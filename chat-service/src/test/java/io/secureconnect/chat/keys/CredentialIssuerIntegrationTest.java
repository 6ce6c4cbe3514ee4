package io.secureconnect.chat.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The credential issuer's key is made once for every chat-service instance: instances that start together on an
 * empty database (each its own {@link CredentialIssuer} here) end up signing with one key, the one they publish.
 */
class CredentialIssuerIntegrationTest {

    private static TestDatabase database;
    private static JdbcClient jdbc;

    @BeforeAll
    static void migratedDatabase() {
        database = TestDatabases.create();
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(database.dataSource());
    }

    @AfterAll
    static void dropped() {
        database.drop();
    }

    @Test
    void instancesStartingTogetherAgreeOnOneKeyAndSignWithIt() throws Exception {
        int instances = 8;
        UUID userId = UUID.randomUUID();
        byte[] signatureKey = new byte[32];
        var ready = new CountDownLatch(instances);
        List<Future<String>> credentials = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < instances; i++) {
                var issuer = new CredentialIssuer(new IssuerKeyRepository(jdbc));
                String deviceId = "device-" + i;
                credentials.add(threads.submit((Callable<String>) () -> {
                    ready.countDown();
                    ready.await();
                    return issuer.issue(userId, deviceId, signatureKey, Instant.now());
                }));
            }
        }

        Map<String, Object> published = new CredentialIssuer(new IssuerKeyRepository(jdbc)).publicKeys();
        ECKey key = (ECKey) JWKSet.parse(published).getKeys().getFirst();
        assertThat(JWKSet.parse(published).getKeys()).hasSize(1);
        assertThat(key.isPrivate()).as("only the public key is published").isFalse();
        Set<String> kids = new HashSet<>();
        for (Future<String> credential : credentials) {
            SignedJWT jwt = SignedJWT.parse(credential.get());
            kids.add(jwt.getHeader().getKeyID());
            assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(userId.toString());
            assertThat(jwt.getJWTClaimsSet().getStringClaim("sig"))
                    .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(signatureKey));
        }
        assertThat(kids).containsExactly(key.getKeyID());
        assertThat(jdbc.sql("SELECT count(*) FROM mls_credential_issuer_keys").query(Integer.class).single()).isEqualTo(1);
    }
}
