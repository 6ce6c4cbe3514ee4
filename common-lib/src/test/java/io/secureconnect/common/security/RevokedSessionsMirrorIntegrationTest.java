package io.secureconnect.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.security.RevokedSessionsMirror.Answer;
import io.secureconnect.testsupport.redis.RedisServerExtension;
import io.secureconnect.testsupport.time.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The gateway's copy of the revoked sessions against a Redis of its own, written as auth-service writes the index:
 * it answers from memory while its syncs succeed, and says it does not know (so the request is checked the slow way)
 * before the first sync and once syncs fail.
 */
class RevokedSessionsMirrorIntegrationTest {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    private final MutableClock clock = new MutableClock();
    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;
    private RevokedSessionsMirror mirror;

    @BeforeEach
    void connect() {
        var client = LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisServer.port()), client);
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        redis.delete(RevokedSessions.INDEX);
        var guard = new RedisGuard(connections, new SimpleMeterRegistry(), Duration.ofMillis(500), Duration.ofMillis(500));
        mirror = new RevokedSessionsMirror(redis, guard, clock);
    }

    @AfterEach
    void disconnect() {
        connections.destroy(); // a stopped Redis is started again before the next test by the extension
    }

    @Test
    void aSessionMarkedInTheIndexIsRevokedAndAnyOtherIsNot() {
        String revoked = mark(Duration.ofMinutes(16));

        mirror.sync();

        assertThat(mirror.lookup(revoked)).isEqualTo(Answer.REVOKED);
        assertThat(mirror.lookup(UUID.randomUUID().toString())).isEqualTo(Answer.NOT_REVOKED);
    }

    @Test
    void aMarkAddedAfterTheFullReadIsPickedUpByTheNextSync() {
        mirror.sync();
        String later = mark(Duration.ofMinutes(16));
        assertThat(mirror.lookup(later)).isEqualTo(Answer.NOT_REVOKED);

        clock.advance(Duration.ofMillis(500));
        mirror.sync();

        assertThat(mirror.lookup(later)).isEqualTo(Answer.REVOKED);
    }

    @Test
    void anAnnouncedRevocationCountsBeforeAnySyncReadsIt() {
        mirror.sync();
        UUID announced = UUID.randomUUID();

        mirror.accept(new Revocation(UUID.randomUUID(), List.of(announced), false));

        assertThat(mirror.lookup(announced.toString())).isEqualTo(Answer.REVOKED);
    }

    @Test
    void itDoesNotKnowBeforeItsFirstSync() {
        String revoked = mark(Duration.ofMinutes(16));

        assertThat(mirror.lookup(revoked)).isEqualTo(Answer.UNKNOWN);
        assertThat(mirror.lookup(UUID.randomUUID().toString())).isEqualTo(Answer.UNKNOWN);
    }

    @Test
    void itStopsAnsweringOnceSyncsFailForLongerThanItStaysFresh() {
        mirror.sync();
        String unknownToIt = UUID.randomUUID().toString();
        redisServer.stop();
        assertThat(mirror.lookup(unknownToIt)).as("fresh from the last sync").isEqualTo(Answer.NOT_REVOKED);

        mirror.sync();
        clock.advance(RevokedSessionsMirror.FRESH_FOR);
        mirror.sync();

        assertThat(mirror.lookup(unknownToIt)).isEqualTo(Answer.UNKNOWN);
    }

    @Test
    void marksWhoseEndPassedLeaveOnTheNextFullRead() {
        String shortLived = mark(Duration.ofSeconds(30));
        mirror.sync();
        assertThat(mirror.size()).isEqualTo(1);

        clock.advance(RevokedSessionsMirror.FULL_RELOAD_EVERY);
        mirror.sync();

        assertThat(mirror.size()).isZero();
        assertThat(mirror.lookup(shortLived)).isEqualTo(Answer.NOT_REVOKED);
    }

    /** Marks a revoked session as auth-service does. */
    private String mark(Duration markedFor) {
        String sessionId = UUID.randomUUID().toString();
        RevokedSessions.mark(redis, List.of(sessionId), markedFor, clock.millis());
        return sessionId;
    }
}
