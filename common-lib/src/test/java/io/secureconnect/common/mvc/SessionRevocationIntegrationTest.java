package io.secureconnect.common.mvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.security.RevokedSessions;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.RedisServerExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service other than auth rejects tokens of revoked sessions from the Redis mark alone, and when Redis is down
 * and auth-service cannot be asked either, it refuses (503) rather than let a possibly revoked token through.
 */
@WithPostgres
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.security.session-status-uri=http://127.0.0.1:1/internal/v1/sessions/current")
class SessionRevocationIntegrationTest {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        properties.add("spring.data.redis.url", redisServer::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisGuard guard;

    @Test
    void aRevokedSessionsTokenIsRejectedAndOthersAreNot() throws Exception {
        UUID revokedSession = UUID.randomUUID();
        redis.opsForValue().set(RevokedSessions.redisKey(revokedSession.toString()), "1", Duration.ofMinutes(1));

        String revoked = TestTokens.forUser(UUID.randomUUID()).sessionId(revokedSession).mint();
        String live = TestTokens.accessToken(UUID.randomUUID());

        assertThat(status(revoked)).isEqualTo(401);
        assertThat(status(live)).isEqualTo(200);
    }

    @Test
    void withRedisAndAuthServiceUnreachableTokensAreRefusedNotTrusted() throws Exception {
        redisServer.stop();
        await().atMost(Duration.ofSeconds(3)).until(guard::isDegraded);

        assertThat(status(TestTokens.accessToken(UUID.randomUUID()))).isEqualTo(503);

        redisServer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !guard.isDegraded());
        assertThat(status(TestTokens.accessToken(UUID.randomUUID()))).isEqualTo(200);
    }

    private int status(String token) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/items/1"))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
