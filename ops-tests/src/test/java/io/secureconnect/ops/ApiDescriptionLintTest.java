package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OpenAPI description under docs/openapi/ (each service's and the aggregate the gateway serves) passes a
 * linter nobody here wrote, Redocly CLI with its {@code recommended} rules, with 0 errors (issue 23). The CLI is
 * pinned in ops-tests/api-lint (npm ci, done by {@code ./secureconnect test}); its warnings are printed.
 */
class ApiDescriptionLintTest {

    private static final Path LINT = Repo.path("ops-tests/api-lint");
    private static final Pattern ERRORS = Pattern.compile("Validation failed with (\\d+) errors?");

    static List<Path> descriptions() {
        return Repo.files("docs/openapi", ".json");
    }

    @ParameterizedTest
    @MethodSource("descriptions")
    void lintsWithoutErrors(Path description) {
        Path redocly = LINT.resolve("node_modules/.bin/redocly");
        assertThat(redocly).as("the pinned Redocly CLI: npm ci --prefix ops-tests/api-lint (./secureconnect test does)")
                .isExecutable();

        Tool.Result result = Tool.run(LINT, Map.of("NO_COLOR", "1", "REDOCLY_TELEMETRY", "off",
                "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"), redocly.toString(), "lint", "--config", "redocly.yaml",
                "--format", "stylish", description.toString());

        System.out.println(description.getFileName() + ": " + result.output());
        Matcher errors = ERRORS.matcher(result.output());
        assertThat(errors.find() ? errors.group(1) : "0").as("Redocly errors in %s:%n%s", description.getFileName(),
                result.output()).isEqualTo("0");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
