package io.secureconnect.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.secureconnect.testsupport.totp.TotpCodes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B's SHA-1 test vectors (8 digits), and the 6-digit codes the service and tests compute. */
class TotpAlgorithmUnitTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void matchesTheVectorsOfRfc6238(long epochSeconds, String expected) {
        long step = TotpAlgorithm.stepOf(Instant.ofEpochSecond(epochSeconds));

        assertThat(TotpAlgorithm.code(RFC_SECRET, step, 8, "HmacSHA1")).isEqualTo(expected);
        // the 6-digit code is the same truncation's last six digits, and test-support's authenticator agrees
        assertThat(TotpAlgorithm.code(RFC_SECRET, step)).isEqualTo(expected.substring(2));
        assertThat(TotpCodes.ofStep(Base32.encode(RFC_SECRET), step)).isEqualTo(expected.substring(2));
    }

    @ParameterizedTest
    @CsvSource({"12345678901234567890, GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "f, MY", "fo, MZXQ", "foobar, MZXW6YTBOI"})
    void writesBase32AsRfc4648(String text, String expected) {
        assertThat(Base32.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }
}
