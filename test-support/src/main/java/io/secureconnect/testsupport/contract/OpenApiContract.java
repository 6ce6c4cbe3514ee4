package io.secureconnect.testsupport.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every operation of a public API description must carry (issue 23), and the committed copy of each
 * description under {@code docs/openapi/}, which the lint, the gateway's aggregate and the generated client are
 * made from. Run a service's tests with {@code -Dsecureconnect.openapi.write=true} to rewrite its copy.
 */
public final class OpenApiContract {

    public static final String WRITE_PROPERTY = "secureconnect.openapi.write";
    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z0-9]+");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private OpenApiContract() {
    }

    /** Every way the description falls short, one line each; empty when it follows the contract. */
    public static List<String> violations(JsonNode spec) {
        List<String> violations = new ArrayList<>();
        if (!spec.path("openapi").asString("").startsWith("3.1")) {
            violations.add("not OpenAPI 3.1: " + spec.path("openapi"));
        }
        Set<String> operationIds = new HashSet<>();
        for (var path : spec.path("paths").properties()) {
            if (path.getKey().startsWith("/internal")) {
                violations.add(path.getKey() + " is an internal route");
            }
            for (var entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                String where = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                if (operation.path("summary").asString("").isBlank()) {
                    violations.add(where + " has no summary");
                }
                String operationId = operation.path("operationId").asString("");
                if (!OPERATION_ID.matcher(operationId).matches()) {
                    violations.add(where + " has operationId '" + operationId + "' (want camelCase, no suffix)");
                } else if (!operationIds.add(operationId)) {
                    violations.add(where + " repeats operationId " + operationId);
                }
                if (operation.path("tags").isEmpty()) {
                    violations.add(where + " has no tag");
                }
                if (!operation.has("security")) {
                    violations.add(where + " says neither bearer nor public (security)");
                }
                if (operation.has("x-secureconnect-errors-undeclared")) {
                    violations.add(where + " declares no @ApiErrors");
                }
                boolean clientError = false;
                for (var response : operation.path("responses").properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        clientError |= response.getKey().startsWith("4");
                        JsonNode answer = resolved(spec, response.getValue());
                        if (!answer.path("content").has("application/problem+json")) {
                            violations.add(where + " answers " + response.getKey() + " without problem+json");
                        }
                    }
                }
                if (!clientError) {
                    violations.add(where + " lists no 4xx response");
                }
            }
        }
        return violations;
    }

    /** A response, or the one its {@code $ref} (e.g. {@code #/components/responses/Conflict}) points at. */
    private static JsonNode resolved(JsonNode spec, JsonNode response) {
        String ref = response.path("$ref").asString("");
        return ref.startsWith("#/") ? spec.at(ref.substring(1)) : response;
    }

    /**
     * Whether {@code docs/openapi/<name>.json} holds this description; with {@value #WRITE_PROPERTY} set, writes it
     * first. Returns what differs, or null.
     */
    public static String differenceFromCommittedCopy(JsonNode spec, String name) throws IOException {
        Path copy = repositoryRoot().resolve("docs/openapi/" + name + ".json");
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, JSON.writeValueAsString(spec) + "\n");
        }
        if (!Files.exists(copy)) {
            return copy + " does not exist: run the test with -D" + WRITE_PROPERTY + "=true";
        }
        JsonNode committed = JSON.readTree(Files.readString(copy));
        return committed.equals(spec) ? null : copy + " differs from what the service describes: review the change,"
                + " then run the test with -D" + WRITE_PROPERTY + "=true to rewrite it";
    }

    /** The checkout's root: the nearest folder upwards with {@code docs/} and {@code pom.xml}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
