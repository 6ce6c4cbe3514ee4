package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The sweep behind the E2EE test must find plaintext however a careless client encoded it, or it proves nothing. */
class PlaintextSweepUnitTest {

    private static final String MARKER = "marker-7f3a91c2-lunch-at-noon";

    @Test
    void findsAMarkerAsItIsAsHexAndAsBase64AtEveryAlignment() {
        var bytes = MARKER.getBytes(StandardCharsets.US_ASCII);
        var places = List.of(
                "{\"body\":\"" + MARKER + "\"}",
                "\\x00ff" + HexFormat.of().formatHex(bytes) + "00",
                Base64.getEncoder().encodeToString(("{\"t\":\"" + MARKER + "\"}").getBytes(StandardCharsets.US_ASCII)),
                Base64.getEncoder().encodeToString(("x{\"t\":\"" + MARKER + "\"}").getBytes(StandardCharsets.US_ASCII)),
                Base64.getUrlEncoder().encodeToString(("xy{\"t\":\"" + MARKER + "\"}").getBytes(StandardCharsets.US_ASCII)));

        for (var place : places) {
            var sweep = new PlaintextSweep(List.of(MARKER)).text("a row", place);

            assertThat(sweep.findings()).as(place).hasSize(1);
        }
    }

    @Test
    void findsNothingInTextWithoutTheMarker() {
        var sweep = new PlaintextSweep(List.of(MARKER))
                .text("ciphertext", Base64.getEncoder().encodeToString("marker-7f3a91c2-lunch-at-nine".getBytes()))
                .text("a log line", "{\"message\":\"e2ee message stored\",\"conversationId\":\"…\"}");

        assertThat(sweep.findings()).isEmpty();
        assertThat(sweep.places()).isEqualTo(2);
    }
}
