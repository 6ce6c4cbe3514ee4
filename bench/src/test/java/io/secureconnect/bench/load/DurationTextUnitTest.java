package io.secureconnect.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextUnitTest {

    @Test
    void readsWhatPeopleTypeAndWritesItBack() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("10")).isEqualTo(Duration.ofSeconds(10));

        assertThat(DurationText.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationText.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationText.format(Duration.ofMinutes(2))).isEqualTo("2m");
    }

    @Test
    void rejectsWhatIsNotADuration() {
        assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("soon"))
                .withMessageContaining("not a duration");
    }
}
