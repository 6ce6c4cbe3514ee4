package io.secureconnect.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.secureconnect.common.config.CommonAutoConfiguration;
import io.secureconnect.common.config.RedisGuardAutoConfiguration;
import io.secureconnect.testsupport.redis.RedisServerExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.RedisClientInfo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis degraded mode against a Redis of its own that the test stops and restarts (never the shared one): the
 * guard notices within 2 s, guarded calls fall back at once while degraded, and it recovers within 5 s, logging
 * each transition once.
 */
@SpringBootTest(classes = RedisGuardIntegrationTest.TestConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.application.name=guard-test")
class RedisGuardIntegrationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @DynamicPropertySource
    static void redisProperties(DynamicPropertyRegistry properties) {
        properties.add("spring.data.redis.url", redis::url);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataRedisAutoConfiguration.class, CommonAutoConfiguration.class, RedisGuardAutoConfiguration.class})
    static class TestConfiguration {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    RedisGuard guard;

    @Autowired
    StringRedisTemplate template;

    @Autowired
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> guardLog = new ListAppender<>();
    private final AtomicInteger degradedCalls = new AtomicInteger();
    private final AtomicInteger recoveredCalls = new AtomicInteger();
    private final RedisStateListener countingListener = new RedisStateListener() {
        @Override
        public void onDegraded() {
            degradedCalls.incrementAndGet();
        }

        @Override
        public void onRecovered() {
            recoveredCalls.incrementAndGet();
        }
    };

    @BeforeEach
    void startHealthyAndWatchTransitions() {
        redis.start(); // an earlier test may have stopped it
        await().atMost(Duration.ofSeconds(5)).until(() -> !guard.isDegraded());
        guardLog.start();
        ((Logger) LoggerFactory.getLogger(RedisGuard.class)).addAppender(guardLog);
        guard.addListener(countingListener);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger(RedisGuard.class)).detachAppender(guardLog);
        guard.removeListener(countingListener);
    }

    /**
     * The PING does not queue behind the commands in flight (issue 24: a reconnect storm's traffic looked like a slow
     * Redis): it goes over a connection of its own, which CLIENT LIST shows with {@code ping} as its last command
     * while the commands' connection shows its own last one.
     */
    @Test
    void pingsGoOverAConnectionOfTheirOwn() {
        template.opsForValue().set("greeting", "hello");
        guard.checkNow();

        List<String> lastCommands = template.execute((RedisCallback<List<RedisClientInfo>>) connection ->
                connection.serverCommands().getClientList()).stream().map(RedisClientInfo::getLastCommand).toList();

        assertThat(lastCommands).as("each connection's last command").contains("ping", "client|list");
        assertThat(guard.isDegraded()).isFalse();
    }

    @Test
    void degradesWhenRedisStopsAndRecoversWhenItReturns() {
        template.opsForValue().set("greeting", "hello");
        assertThat(degradedGauge()).isZero();

        redis.stop();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(guard::isDegraded);
        assertThat(degradedGauge()).isEqualTo(1);

        long start = System.nanoTime();
        String value = guard.call(() -> template.opsForValue().get("greeting"), () -> "fallback");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(value).isEqualTo("fallback");
        assertThat(took).isLessThan(Duration.ofMillis(50));

        redis.start();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> !guard.isDegraded());
        assertThat(degradedGauge()).isZero();
        assertThat(guard.call(() -> template.opsForValue().get("greeting"), () -> "fallback"))
                .as("the restarted Redis keeps nothing, so the real call answers null, not the fallback")
                .isNull();

        assertThat(degradedCalls).hasValue(1);
        assertThat(recoveredCalls).hasValue(1);
        assertThat(messages()).filteredOn(m -> m.contains("switching to degraded mode")).hasSize(1);
        assertThat(messages()).filteredOn(m -> m.contains("leaving degraded mode")).hasSize(1);
    }

    /**
     * Issue 19: recovery within 2 s of Redis answering again, however long the outage was. Lettuce's default
     * reconnect backoff (up to 30 s) made a 10 s outage cost 8 s more of degraded mode, a 20 s one 14.5 s.
     */
    @Test
    void leavesDegradedModeWithinTwoSecondsOfRedisReturningAfterALongOutage() throws InterruptedException {
        redis.stop();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(guard::isDegraded);
        Thread.sleep(Duration.ofSeconds(12)); // a long outage: Lettuce's default backoff would be at 8-16 s by now

        redis.start();
        long returned = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !guard.isDegraded());

        assertThat(Duration.ofNanos(System.nanoTime() - returned)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aFailingCommandFallsBackAndDegradesBeforeTheNextPing() {
        redis.stop();

        String value = guard.call(() -> template.opsForValue().get("anything"), () -> "fallback");

        assertThat(value).isEqualTo("fallback");
        assertThat(guard.isDegraded()).isTrue();
    }

    @Test
    void aCommandThatTimesOutFallsBackWithoutDegradingTheInstance() {
        redis.freeze(); // accepts, answers nothing: as a Redis (or a client) starved of CPU for a moment
        String value;
        try {
            value = guard.call(() -> template.opsForValue().get("anything"), () -> "fallback");
        } finally {
            redis.thaw();
        }

        assertThat(value).isEqualTo("fallback");
        assertThat(guard.isDegraded()).as("one slow command is not an outage; the PING decides").isFalse();
        assertThat(template.opsForValue().get("anything")).isNull();
    }

    @Test
    void aCommandErrorThatIsNotAnOutageIsNotHidden() {
        template.opsForList().leftPush("a-list", "x");

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        guard.call(() -> template.opsForValue().get("a-list"), () -> "fallback"))
                .rootCause().hasMessageContaining("WRONGTYPE");
        assertThat(guard.isDegraded()).isFalse();
    }

    @Test
    void commandsAreCountedAndTimed() {
        template.opsForValue().set("counted", "1");
        template.opsForValue().get("counted");

        assertThat(meters.get("redis.commands").tag("command", "GET").counter().count()).isPositive();
        assertThat(meters.get("redis.command.duration").tag("command", "SET").timer().count()).isPositive();
    }

    private double degradedGauge() {
        return meters.get("redis.degraded.mode").gauge().value();
    }

    private List<String> messages() {
        return guardLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
