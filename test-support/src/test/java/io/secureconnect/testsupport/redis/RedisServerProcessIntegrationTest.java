package io.secureconnect.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

class RedisServerProcessIntegrationTest {

    @Test
    void stoppedServerRefusesConnectionsAndRestartsEmptyOnTheSamePort() throws IOException {
        try (var redis = RedisServerProcess.startOnFreePort()) {
            var port = redis.port();
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + port);
            try (var connection = RespConnection.open("127.0.0.1", port)) {
                assertThat(connection.call("PING")).isEqualTo("PONG");
                connection.call("SET", "greeting", "hello");
            }

            redis.stop();

            assertThat(redis.isRunning()).isFalse();
            assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> RespConnection.open("127.0.0.1", port));

            redis.start();

            assertThat(redis.port()).isEqualTo(port);
            try (var connection = RespConnection.open("127.0.0.1", port)) {
                assertThat(connection.call("PING")).isEqualTo("PONG");
                assertThat(connection.call("GET", "greeting")).as("nothing survives a crash").isNull();
            }
        }
    }

    @Test
    void closedServerIsGoneForGood() {
        var redis = RedisServerProcess.startOnFreePort();

        redis.close();

        assertThatExceptionOfType(ConnectException.class)
                .isThrownBy(() -> RespConnection.open("127.0.0.1", redis.port()));
    }
}
