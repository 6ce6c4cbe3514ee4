package io.secureconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secureconnect.bench.CommandLine.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineUnitTest {

    @Test
    void takesTheBenchmarkNameAndOptionsInEitherSpelling() throws Exception {
        CommandLine line = CommandLine.parse(List.of("health", "--rate", "200", "--duration=5s"));

        assertThat(line.benchmark()).isEqualTo("health");
        assertThat(line.options()).containsEntry("rate", "200").containsEntry("duration", "5s");
        assertThat(line.arguments()).containsExactly("--rate", "200", "--duration=5s");
        assertThat(line.list()).isFalse();
    }

    @Test
    void rejectsAnOptionWithoutValueAndASecondBenchmark() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("health", "--rate")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--rate needs a value");
        assertThatThrownBy(() -> CommandLine.parse(List.of("health", "other")))
                .isInstanceOf(UsageException.class).hasMessageContaining("one benchmark at a time");
    }
}
