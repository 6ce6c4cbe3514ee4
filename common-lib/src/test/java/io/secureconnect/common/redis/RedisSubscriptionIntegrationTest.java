package io.secureconnect.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.secureconnect.testsupport.redis.RedisServerExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A subscription against a Redis of its own that the test stops, restarts or freezes (accepting connections but
 * answering nothing, as a Redis starved of CPU does): whatever happened while it subscribed, it ends up listening
 * and delivers what is published from then on.
 */
class RedisSubscriptionIntegrationTest {

    private static final String CHANNEL = "sc:test-subscription";
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(15);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final List<String> received = new CopyOnWriteArrayList<>();
    private LettuceConnectionFactory connections;
    private StringRedisTemplate publisher;
    private RedisSubscription subscription;

    @BeforeEach
    void connect() {
        // the services' settings (common-lib secureconnect-defaults.properties): fail fast
        var client = LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()), client);
        connections.afterPropertiesSet();
        connections.start();
        publisher = new StringRedisTemplate(connections);
        subscription = new RedisSubscription(connections, CHANNEL,
                (message, pattern) -> received.add(new String(message.getBody(), StandardCharsets.UTF_8)));
    }

    @AfterEach
    void disconnect() {
        subscription.stop();
        connections.destroy();
    }

    @Test
    void listensOnceARedisThatHungWhileItSubscribedAnswersAgain() {
        redis.freeze();
        try {
            subscription.start();
            // a hung Redis confirms nothing, for longer than the listener container waits for a confirmation
            await("no subscription while Redis hangs").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> !subscription.isListening());
        } finally {
            redis.thaw();
        }

        assertDelivered("after the hang");
    }

    @Test
    void listensAgainAfterRedisRestarted() {
        subscription.start();
        assertDelivered("before the restart");

        redis.stop();
        redis.start();

        assertDelivered("after the restart");
    }

    /** Publishes until the message arrives: a message published before the subscription is in place is lost. */
    private void assertDelivered(String text) {
        await(text + " delivered").atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            publishQuietly(text);
            return received.contains(text);
        });
        assertThat(subscription.isListening()).isTrue();
    }

    private void publishQuietly(String text) {
        try {
            publisher.convertAndSend(CHANNEL, text);
        } catch (RuntimeException e) {
            // Redis is still coming back; the next poll publishes again
        }
    }
}
