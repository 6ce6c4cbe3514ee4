package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The comparison ImageMinimumsTest relies on, with the old tags S12 replaced: each must count as too old. */
class ImageVersionUnitTest {

    @Test
    void theTagsWithKnownCvesAreOlderThanTheirMinimums() {
        assertThat(ImageVersion.atLeast("16.6-alpine", "16.11")).isFalse();
        assertThat(ImageVersion.atLeast("7.4.1-alpine", "7.4.6")).isFalse();
        assertThat(ImageVersion.atLeast("4.6.3", "4.7.0")).isFalse();
        assertThat(ImageVersion.atLeast("RELEASE.2025-04-22T22-12-26Z", "RELEASE.2025-09-07T16-13-09Z")).isFalse();
    }

    @Test
    void numbersCompareAsNumbersNotAsText() {
        assertThat(ImageVersion.atLeast("16.11-alpine", "16.9")).isTrue();
        assertThat(ImageVersion.atLeast("16.9-alpine", "16.11")).isFalse();
        assertThat(ImageVersion.atLeast("17.0", "16.11")).isTrue();
        assertThat(ImageVersion.atLeast("8.0.2-alpine", "7.4.6")).isTrue();
        assertThat(ImageVersion.atLeast("7.4", "7.4.0")).isTrue();
        assertThat(ImageVersion.atLeast("v2.55.1", "2.55.1")).isTrue();
    }

    @Test
    void minioReleasesCompareByTheirTimestamp() {
        assertThat(ImageVersion.atLeast("RELEASE.2025-09-07T16-13-09Z", "RELEASE.2025-09-07T16-13-09Z")).isTrue();
        assertThat(ImageVersion.atLeast("RELEASE.2025-09-07T16-13-10Z", "RELEASE.2025-09-07T16-13-09Z")).isTrue();
        assertThat(ImageVersion.atLeast("RELEASE.2025-09-07T16-13-08Z", "RELEASE.2025-09-07T16-13-09Z")).isFalse();
    }

    @Test
    void aTagThatCannotBeReadIsNeverNewEnough() {
        assertThatThrownBy(() -> ImageVersion.atLeast("latest", "16.11")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageVersion.atLeast("16.11", "RELEASE.2025-09-07T16-13-09Z"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageVersion.atLeast("RELEASE.2025-13-07T16-13-09Z", "RELEASE.2025-09-07T16-13-09Z"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
