package io.secureconnect.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisServerExtensionIntegrationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static int portOfFirstTest;

    @Test
    @Order(1)
    void aTestMayLeaveRedisStopped(RedisServerProcess server) {
        portOfFirstTest = server.port();
        assertThat(server).isSameAs(redis.server());

        redis.stop();

        assertThat(server.isRunning()).isFalse();
    }

    @Test
    @Order(2)
    void theNextTestFindsItRunningAgainOnTheSamePort() throws IOException {
        assertThat(redis.port()).isEqualTo(portOfFirstTest);
        try (var connection = RespConnection.open("127.0.0.1", redis.port())) {
            assertThat(connection.call("PING")).isEqualTo("PONG");
        }
    }
}
