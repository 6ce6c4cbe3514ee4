package io.secureconnect.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jwt.SignedJWT;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.redis.RedisSubscription;
import io.secureconnect.common.security.RevokedSessions;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.RedisServerExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions from login to logout: refresh rotates the token, a rotated token presented again revokes the session
 * (stolen-token detection), logout ends the access token at once. With Redis stopped all of it keeps working, and
 * revocations made meanwhile reach Redis when it returns. Redis here is a private server the test stops.
 */
@WithPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.auth.signing-key-file=target/test-keys/${random.uuid}.json")
class SessionLifecycleIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        properties.add("spring.data.redis.url", redisServer::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    RedisGuard guard;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RevokedSessionEvents announcements;

    @Autowired
    SessionRevocations revocations;

    @Autowired
    RedisConnectionFactory connections;

    @Test
    void refreshRotatesAndLogoutEndsTheAccessTokenAtOnce() throws Exception {
        JsonNode first = login(register());
        String access = first.get("accessToken").asString();
        assertThat(get("/api/v1/users/me", access).statusCode()).isEqualTo(200);

        JsonNode second = refresh(first.get("refreshToken").asString());
        assertThat(second.get("refreshToken").asString()).isNotEqualTo(first.get("refreshToken").asString());
        assertThat(sessionOf(second.get("accessToken").asString())).isEqualTo(sessionOf(access));

        HttpResponse<String> logout = post("/api/v1/auth/logout", "", second.get("accessToken").asString());
        assertThat(logout.statusCode()).isEqualTo(204);

        assertThat(get("/api/v1/users/me", access).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/users/me", second.get("accessToken").asString()).statusCode()).isEqualTo(401);
        assertThat(refreshStatus(second.get("refreshToken").asString())).isEqualTo(401);
        // the index the gateways copy (RevokedSessionsMirror): the session until its last token's lifetime is over
        Double markEnds = redis.opsForZSet().score(RevokedSessions.INDEX, sessionOf(access));
        assertThat(markEnds).as("the session in the revoked-session index").isNotNull();
        assertThat(markEnds.longValue()).isGreaterThan(System.currentTimeMillis() + Duration.ofMinutes(15).toMillis());
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeSession() throws Exception {
        JsonNode first = login(register());
        JsonNode second = refresh(first.get("refreshToken").asString());

        // an attacker replays the stolen, already rotated token
        assertThat(refreshStatus(first.get("refreshToken").asString())).isEqualTo(401);

        // the legitimate holder is logged out too: the session is gone
        assertThat(refreshStatus(second.get("refreshToken").asString())).isEqualTo(401);
        assertThat(get("/api/v1/users/me", second.get("accessToken").asString()).statusCode()).isEqualTo(401);
    }

    @Test
    void sessionsAreListedAndOneCanBeRevokedFromAnother() throws Exception {
        String email = register();
        JsonNode phone = login(email);
        JsonNode laptop = login(email);

        JsonNode list = JSON.readTree(get("/api/v1/users/me/sessions", laptop.get("accessToken").asString()).body());
        assertThat(list.get("items")).hasSize(2);

        String phoneSession = sessionOf(phone.get("accessToken").asString());
        assertThat(delete("/api/v1/users/me/sessions/" + phoneSession, laptop.get("accessToken").asString()).statusCode())
                .isEqualTo(204);

        assertThat(get("/api/v1/users/me", phone.get("accessToken").asString()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/users/me", laptop.get("accessToken").asString()).statusCode()).isEqualTo(200);
        assertThat(delete("/api/v1/users/me/sessions/" + UUID.randomUUID(), laptop.get("accessToken").asString())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void logoutEverywhereEndsEverySession() throws Exception {
        String email = register();
        JsonNode one = login(email);
        JsonNode two = login(email);

        assertThat(post("/api/v1/auth/logout-all", "", one.get("accessToken").asString()).statusCode()).isEqualTo(204);

        assertThat(get("/api/v1/users/me", one.get("accessToken").asString()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/users/me", two.get("accessToken").asString()).statusCode()).isEqualTo(401);
        assertThat(refreshStatus(two.get("refreshToken").asString())).isEqualTo(401);
    }

    @Test
    void everyRevocationIsAnnouncedSoOtherServicesCloseSocketsAndDropDevicesAtOnce() throws Exception {
        List<Revocation> heard = new CopyOnWriteArrayList<>();
        RedisSubscription listener = announcements.subscription(connections, heard::add);
        listener.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.isListening() && !guard.isDegraded());
            String email = register();
            JsonNode phone = login(email);
            JsonNode laptop = login(email);
            String userId = SignedJWT.parse(phone.get("accessToken").asString()).getJWTClaimsSet().getSubject();

            post("/api/v1/auth/logout", "", phone.get("accessToken").asString());
            post("/api/v1/auth/logout-all", "", laptop.get("accessToken").asString());

            String phoneSession = sessionOf(phone.get("accessToken").asString());
            String laptopSession = sessionOf(laptop.get("accessToken").asString());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard)
                    .anySatisfy(logout -> {
                        assertThat(logout.userId()).hasToString(userId);
                        assertThat(logout.covers(phoneSession)).isTrue();
                        assertThat(logout.allSessions()).isFalse();
                    })
                    .anySatisfy(everywhere -> {
                        assertThat(everywhere.userId()).hasToString(userId);
                        assertThat(everywhere.covers(laptopSession)).isTrue();
                        assertThat(everywhere.allSessions()).isTrue();
                    }));
        } finally {
            listener.stop();
        }
    }

    @Test
    void withRedisDownEverythingWorksAndRevocationStillHolds() throws Exception {
        String email = register();
        JsonNode before = login(email);

        redisServer.stop();
        await().atMost(Duration.ofSeconds(3)).until(guard::isDegraded);

        String other = register();
        JsonNode during = login(other);
        JsonNode refreshed = refresh(during.get("refreshToken").asString());
        assertThat(get("/api/v1/users/me", refreshed.get("accessToken").asString()).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/auth/logout", "", before.get("accessToken").asString()).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/users/me", before.get("accessToken").asString()).statusCode())
                .as("revoked while Redis is down: PostgreSQL answers").isEqualTo(401);

        redisServer.start();
        List<Revocation> heard = new CopyOnWriteArrayList<>();
        RedisSubscription listener = announcements.subscription(connections, heard::add);
        listener.start();
        String revokedSession = sessionOf(before.get("accessToken").asString());
        try {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> { // Redis reconnects meanwhile
                assertThat(redis.hasKey(RevokedSessions.redisKey(revokedSession))).isTrue();
                assertThat(redis.opsForZSet().score(RevokedSessions.INDEX, revokedSession)).isNotNull();
            });
            assertThat(get("/api/v1/users/me", before.get("accessToken").asString()).statusCode()).isEqualTo(401);
            // the mark shows the recovery's resync ran; it may have announced before this listener was in place,
            // so the resync is asked once more here, as the next recovery or restart would
            await().atMost(Duration.ofSeconds(10)).until(listener::isListening);
            revocations.resync();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(heard).as("the revocation missed while Redis was down is announced when it returns")
                            .anySatisfy(revocation -> assertThat(revocation.covers(revokedSession)).isTrue()));
        } finally {
            listener.stop();
        }
    }

    private static String sessionOf(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    }

    private String register() throws Exception {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Someone\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return email;
    }

    private JsonNode login(String email) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode refresh(String refreshToken) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int refreshStatus(String refreshToken) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", null);
        if (response.statusCode() == 401) {
            assertThat(response.body()).contains("AUTH_INVALID_REFRESH_TOKEN");
        }
        return response.statusCode();
    }

    private HttpResponse<String> post(String path, String json, String token) throws Exception {
        return new AuthClient(port).send("POST", path, token, json);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return new AuthClient(port).send("GET", path, token, null);
    }

    private HttpResponse<String> delete(String path, String token) throws Exception {
        return new AuthClient(port).send("DELETE", path, token, null);
    }
}
