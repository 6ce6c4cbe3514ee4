package io.secureconnect.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The rules of a safe file name and of its Content-Disposition, one by one. */
class FileNamesTest {

    @Test
    void separatorsBecomeUnderscoresAndLeadingDotsGo() {
        assertThat(FileNames.sanitise("../secret")).isEqualTo("_secret");
        assertThat(FileNames.sanitise("a/b\\c")).isEqualTo("a_b_c");
        assertThat(FileNames.sanitise(".bashrc")).isEqualTo("bashrc");
    }

    @Test
    void controlFormatAndSeparatorCharactersAreDropped() {
        assertThat(FileNames.sanitise("a\u0000b\tc\u202Ed\u2028e")).isEqualTo("abcde");
    }

    @Test
    void emptyOrBlankNamesGetAFallback() {
        assertThat(FileNames.sanitise("   ")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitise("\r\n")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitise(null)).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void longNamesAreCutAtWholeCharactersWithin255Bytes() {
        String name = FileNames.sanitise("é".repeat(200));

        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(name).isEqualTo("é".repeat(127));
    }

    @Test
    void dispositionCarriesAnAsciiFallbackAndTheExactNameEncoded() {
        assertThat(ContentDispositions.attachment("Grüße \"x\".txt"))
                .isEqualTo("attachment; filename=\"Gr__e _x_.txt\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22x%22.txt");
    }
}
