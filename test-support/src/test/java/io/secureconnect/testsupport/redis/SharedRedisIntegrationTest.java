package io.secureconnect.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.util.HashSet;

import org.junit.jupiter.api.Test;

import io.secureconnect.testsupport.FreePorts;

class SharedRedisIntegrationTest {

    @Test
    void allocatesIndexesOneToFifteenInTurnAndEmptiesEachBeforeHandingItOut() throws IOException {
        var first = SharedRedis.allocateDatabase();
        try (var connection = RespConnection.open(first)) {
            connection.call("SET", "left-over", "x");
        }

        var indexes = new HashSet<Integer>();
        RedisDatabase again = null;
        for (int i = 0; i < SharedRedis.INDEXES; i++) {
            again = SharedRedis.allocateDatabase();
            indexes.add(again.index());
        }

        assertThat(indexes).hasSize(15).allSatisfy(index -> assertThat(index).isBetween(1, 15));
        assertThat(again.index()).isEqualTo(first.index());
        try (var connection = RespConnection.open(again)) {
            assertThat(connection.call("DBSIZE")).isEqualTo("0");
        }
    }

    @Test
    void withoutRedisTheFailureSaysHowToStartIt() {
        System.setProperty("SC_TEST_REDIS_URL", "redis://127.0.0.1:" + FreePorts.next());
        try {
            assertThatIllegalStateException().isThrownBy(SharedRedis::allocateDatabase)
                    .withMessageContaining("Redis does not answer at 127.0.0.1:")
                    .withMessageContaining("redis-server --daemonize yes --bind 127.0.0.1 --port 6379");
        } finally {
            System.clearProperty("SC_TEST_REDIS_URL");
        }
    }

    @Test
    void urlCarriesTheDatabaseIndexAndCredentials() {
        var database = RedisDatabase.parse("redis://app:p%40ss@cache.example:6380/3");

        assertThat(database).isEqualTo(new RedisDatabase("cache.example", 6380, "app", "p@ss", 3));
        assertThat(database.withIndex(7).url()).isEqualTo("redis://app:p%40ss@cache.example:6380/7");
        assertThat(RedisDatabase.parse("redis://127.0.0.1:6379")).isEqualTo(new RedisDatabase("127.0.0.1", 6379, null, null, 0));
    }
}
