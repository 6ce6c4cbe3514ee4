package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI 3.0 descriptions of the two WebSockets (docs/chat-asyncapi.yaml, docs/calls-asyncapi.yaml) pass the
 * AsyncAPI parser nobody here wrote, {@code @asyncapi/parser} pinned in ops-tests/api-lint, without an error-severity
 * diagnostic (issue 23). Its diagnostics are printed. Whether the services' frames match these schemas is checked
 * on every frame the system tests receive (test-support {@code websocket.AsyncApiFrames}).
 */
class AsyncApiValidationTest {

    private static final Path LINT = Repo.path("ops-tests/api-lint");

    @Test
    void bothSocketsAreDescribed() {
        List<String> names = Repo.files("docs", "asyncapi.yaml").stream().map(f -> f.getFileName().toString()).toList();

        assertThat(names).contains("chat-asyncapi.yaml", "calls-asyncapi.yaml");
    }

    @Test
    void everyAsyncApiDescriptionParsesWithoutErrors() {
        // ./secureconnect test (launcher/test-machine.sh) installs node and the parser: without them the check fails
        // (Tool names what to install), never passes unchecked
        assertThat(LINT.resolve("node_modules/@asyncapi/parser")).as(
                "the pinned AsyncAPI parser: npm ci --prefix ops-tests/api-lint (./secureconnect test does)").isDirectory();

        Tool.Result result = Tool.run(Repo.ROOT, Map.of("NO_COLOR", "1"), "node",
                LINT.resolve("validate-asyncapi.mjs").toString(), Repo.path("docs").toString());

        System.out.println(result.output());
        assertThat(result.output()).contains("chat-asyncapi.yaml: valid", "calls-asyncapi.yaml: valid");
        assertThat(result.exitCode()).as("validate-asyncapi.mjs found errors:%n%s", result.output()).isZero();
    }
}
