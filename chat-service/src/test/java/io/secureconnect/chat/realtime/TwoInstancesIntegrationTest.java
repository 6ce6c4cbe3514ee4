package io.secureconnect.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.ChatServiceApplication;
import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.chat.support.PeerStub;
import io.secureconnect.common.id.Ids;
import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;
import io.secureconnect.testsupport.redis.RedisServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two chat-service instances sharing one PostgreSQL database and a Redis of their own that the test stops: members
 * on different instances chat through Redis; while Redis is down members on the same instance still chat (typing is
 * skipped) and the member on the other instance misses the live frames; once Redis is back, that member's
 * {@code sync} returns exactly the missed messages.
 */
class TwoInstancesIntegrationTest {

    private static final PeerStub peers = PeerStub.shared();
    private static RedisServerProcess redis;
    private static TestDatabase database;
    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;

    @BeforeAll
    static void startTwoInstances() {
        redis = RedisServerProcess.startOnFreePort();
        database = TestDatabases.create();
        instanceA = start();
        instanceB = start();
    }

    @AfterAll
    static void stopEverything() {
        for (var instance : new ConfigurableApplicationContext[] {instanceA, instanceB}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void membersOnEitherInstanceLoseNothingWhenRedisGoesAwayAndComesBack() {
        ChatApi ann = new ChatApi(port(instanceA), Ids.newId());
        ChatApi bob = new ChatApi(port(instanceA), Ids.newId());
        ChatApi carl = new ChatApi(port(instanceB), Ids.newId());
        UUID group = ann.createGroup("Across", bob.userId(), carl.userId());

        try (var annSocket = ChatSockets.connect(ann); var bobSocket = ChatSockets.connect(bob);
             var carlSocket = ChatSockets.connect(carl)) {
            annSocket.send(send(group, "before", "through Redis"));
            annSocket.next("ack");
            assertThat(carlSocket.next("message").path("message").path("seq").asLong()).isEqualTo(1);
            bobSocket.next("message");

            redis.stop();
            awaitDegraded(true);
            for (int i = 1; i <= 3; i++) {
                annSocket.send(send(group, "during-" + i, "while Redis is down " + i));
                assertThat(annSocket.next("ack").path("message").path("seq").asLong()).isEqualTo(1 + i);
            }
            bobSocket.send(Map.of("type", "typing", "conversationId", group.toString()));
            List<Long> bobGot = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                bobGot.add(bobSocket.next("message").path("message").path("seq").asLong());
            }
            assertThat(bobGot).containsExactly(2L, 3L, 4L);
            assertThat(annSocket.takeAll(Duration.ofMillis(500))).noneMatch(frame -> frame.path("type").asString().equals("typing"));
            assertThat(carlSocket.takeAll(Duration.ofMillis(500))).noneMatch(frame -> frame.path("type").asString().equals("message"));

            redis.start();
            awaitDegraded(false);
            carlSocket.send(Map.of("type", "sync", "after", Map.of(group.toString(), 1)));
            List<Long> replayed = new ArrayList<>();
            JsonNode frame;
            while (!(frame = carlSocket.next(f -> List.of("message", "synced").contains(f.path("type").asString()),
                    "a message or synced frame")).path("type").asString().equals("synced")) {
                replayed.add(frame.path("message").path("seq").asLong());
            }
            assertThat(replayed).containsExactly(2L, 3L, 4L);
            assertThat(frame.path("latest").path(group.toString()).asLong()).isEqualTo(4);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                annSocket.send(send(group, "after-" + System.nanoTime(), "Redis is back"));
                assertThat(carlSocket.next("message").path("message").path("body").asString()).isEqualTo("Redis is back");
            });
        }
        assertThat(carl.history(group)).extracting(m -> m.path("seq").asLong()).startsWith(1L, 2L, 3L, 4L)
                .doesNotHaveDuplicates();
    }

    @Test
    void aUserWhoseSocketMovesToTheOtherInstanceIsNotAnnouncedOnlineAgain() {
        ChatApi ann = new ChatApi(port(instanceA), Ids.newId());
        ChatApi bobOnA = new ChatApi(port(instanceA), Ids.newId());
        ChatApi bobOnB = new ChatApi(port(instanceB), bobOnA.userId());
        ann.createDirect(bobOnA.userId());
        try (var annSocket = ChatSockets.connect(ann)) {
            var first = ChatSockets.connect(bobOnA);
            annSocket.next(frame -> isPresenceOf(frame, bobOnA.userId(), "online"), "bob online");

            // what a restart does to each of its users: the socket reappears on an instance that never announced them
            try (var second = ChatSockets.connect(bobOnB)) {
                first.close();

                List<JsonNode> after = annSocket.takeAll(Duration.ofSeconds(6)); // three coalescing periods
                assertThat(after).noneMatch(frame -> frame.path("type").asString().equals("presence")
                        && frame.path("userId").asString().equals(bobOnA.userId().toString()));
            }
            annSocket.next(frame -> isPresenceOf(frame, bobOnA.userId(), "offline"), "bob offline once he is gone");
        }
    }

    private static boolean isPresenceOf(JsonNode frame, UUID userId, String status) {
        return frame.path("type").asString().equals("presence") && frame.path("userId").asString().equals(userId.toString())
                && frame.path("status").asString().equals(status);
    }

    @Test
    void anInstanceStartsAndChatsWithoutRedisThenSubscribesWhenRedisAppears() throws Exception {
        try (var lateRedis = RedisServerProcess.startOnFreePort()) {
            lateRedis.stop();
            try (var instance = start(lateRedis.url())) {
                ChatApi ann = new ChatApi(port(instance), Ids.newId());
                ChatApi bob = new ChatApi(port(instance), Ids.newId());
                UUID chat = ann.createDirect(bob.userId());
                try (var bobSocket = ChatSockets.connect(bob)) {
                    assertThat(ann.sendText(chat, "no-redis", "Redis never was").status()).isEqualTo(201);
                    assertThat(bobSocket.next("message").path("message").path("body").asString()).isEqualTo("Redis never was");

                    lateRedis.start();
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                        ann.sendText(chat, "redis-" + System.nanoTime(), "through Redis");
                        assertThat(bobSocket.next("message").path("message").path("body").asString()).isEqualTo("through Redis");
                        assertThat(metrics(instance)).containsPattern("(?m)^redis_degraded_mode\\{[^}]*} 0\\.0$");
                    });
                }
            }
        }
    }

    private static Map<String, Object> send(UUID group, String clientId, String body) {
        return Map.of("type", "send", "conversationId", group.toString(), "clientId", clientId, "body", body);
    }

    private static void awaitDegraded(boolean degraded) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (var instance : List.of(instanceA, instanceB)) {
                assertThat(metrics(instance)).containsPattern("(?m)^redis_degraded_mode\\{[^}]*} " + (degraded ? "1" : "0") + "\\.0$");
            }
        });
    }

    private static String metrics(ConfigurableApplicationContext instance) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port(instance) + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext start() {
        return start(redis.url());
    }

    private static ConfigurableApplicationContext start(String redisUrl) {
        return new SpringApplicationBuilder(ChatServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.data.redis.url=" + redisUrl,
                "--secureconnect.security.jwks-uri=" + TestJwks.shared().jwksUri(),
                "--secureconnect.chat.auth-url=" + peers.url(),
                "--secureconnect.chat.storage-url=" + peers.url(),
                "--secureconnect.security.session-status-uri=" + peers.sessionStatusUrl());
    }
}
