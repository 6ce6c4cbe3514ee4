package io.secureconnect.chat.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.redis.RedisServerExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** While Redis is down nobody can tell who has a socket elsewhere, so members are pushed rather than missed. */
class PushWhileRedisIsDownIntegrationTest extends PushIntegrationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry properties) {
        properties.add("spring.data.redis.url", redis::url);
    }

    @Test
    void membersArePushedWhenPresenceIsUnknown() {
        ChatApi ann = user();
        ChatApi bob = user();
        String phone = registerDevice(bob, "fcm");
        UUID chat = ann.createDirect(bob.userId());

        try (var bobSocket = ChatSockets.connect(bob)) {
            redis.stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ann.get("/metrics").raw().body())
                    .containsPattern("(?m)^redis_degraded_mode\\{[^}]*} 1\\.0$"));

            ann.sendText(chat, "down", "while Redis is down");

            assertThat(bobSocket.next("message").path("message").path("body").asString()).isEqualTo("while Redis is down");
            await().atMost(Duration.ofSeconds(30)).until(() -> providers.accepted(phone).size() == 1);
        } finally {
            redis.start();
        }
    }
}
