package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The web client's SFrame (RFC 9605, the media encryption of calls in {@code e2ee} conversations) is composed from
 * WebCrypto's primitives rather than taken from a library (none implements the final RFC for browsers), so it has to
 * reproduce the RFC's own test vectors (Appendix C: 289 headers, the AES_128_GCM_SHA256_128 encryption vector) byte
 * for byte. {@code web-client/e2e/sframe-vectors.mjs} checks them with Node's WebCrypto, the API the browser's
 * worker uses, and exits non-zero on any mismatch. Needs {@code node} only (no packages, no browser).
 */
class SFrameVectorsUnitTest {

    @Test
    void theWebClientsSFrameReproducesTheTestVectorsOfRfc9605() throws Exception {
        var script = Workspace.locate().root().resolve("web-client/e2e/sframe-vectors.mjs");
        var process = new ProcessBuilder(List.of("node", script.toString())).redirectErrorStream(true).start();
        process.getOutputStream().close();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(process.exitValue()).as("node web-client/e2e/sframe-vectors.mjs said:%n%s", output).isZero();
        assertThat(output).as("every vector was checked").contains("289 headers, 1 encryption vector(s)")
                .containsPattern("(?m)^[1-9]\\d* passed, 0 failed$");
    }
}
