package io.secureconnect.common.apidocs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.secureconnect.common.security.MfaEnrolment;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.common.web.ErrorCode;
import io.secureconnect.common.web.Problems;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The error responses of an operation, one per status, each {@code application/problem+json} with the shared
 * {@code Problem} schema, the {@code code} values it can carry and an example of each.
 */
final class ProblemResponses {

    static final String SCHEMA = "Problem";
    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    /**
     * The codes every operation of its kind can answer, added without being declared: the gateway's rate limit and
     * a service or its database being unavailable (every route); a missing, expired or revoked token, or a token
     * limited to enrolling a second factor (protected routes); a body or a parameter that cannot be read or breaks a
     * rule (routes that take them).
     */
    static List<ErrorCode> automatic(Operation operation, boolean isPublic) {
        List<ErrorCode> codes = new ArrayList<>(List.of(CommonErrorCode.RATE_LIMITED,
                CommonErrorCode.SERVICE_UNAVAILABLE));
        if (!isPublic) {
            codes.add(CommonErrorCode.UNAUTHENTICATED);
            codes.add(MfaEnrolment.Code.MFA_ENROLMENT_REQUIRED);
        }
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (operation.getRequestBody() != null) {
            codes.addAll(List.of(CommonErrorCode.MALFORMED_REQUEST, CommonErrorCode.VALIDATION_FAILED,
                    CommonErrorCode.PAYLOAD_TOO_LARGE, CommonErrorCode.UNSUPPORTED_MEDIA_TYPE));
        } else if (hasParameters) {
            codes.addAll(List.of(CommonErrorCode.MALFORMED_REQUEST, CommonErrorCode.VALIDATION_FAILED));
        }
        return codes;
    }

    /**
     * Replaces the operation's error responses with one per status of {@code codes}, each a reference to a response
     * in {@code shared} (named after its codes, e.g. {@code RateLimited}, {@code NotFoundOrForbidden}), which it adds
     * there when new: operations answering the same codes share one. Its schema is {@code <name>Problem} in
     * {@code schemas}: the shared {@code Problem} with the {@code code} values it can carry, a type of its own in a
     * generated client.
     */
    static void describe(Operation operation, Collection<ErrorCode> codes, Map<String, ApiResponse> shared,
                         Map<String, Schema<?>> schemas) {
        SortedMap<Integer, Map<String, ErrorCode>> byStatus = new TreeMap<>();
        for (ErrorCode code : codes) {
            byStatus.computeIfAbsent(code.status().value(), status -> new TreeMap<>()).put(code.name(), code);
        }
        var responses = operation.getResponses();
        responses.keySet().removeIf(status -> status.length() == 3 && status.charAt(0) >= '4');
        byStatus.forEach((status, ofStatus) -> {
            String name = ofStatus.keySet().stream().map(ProblemResponses::pascalCase).collect(Collectors.joining("Or"));
            shared.computeIfAbsent(name, unused -> response(ofStatus, name + SCHEMA));
            schemas.computeIfAbsent(name + SCHEMA, unused -> problemWith(ofStatus.keySet()));
            responses.addApiResponse(String.valueOf(status), new ApiResponse().$ref("#/components/responses/" + name));
        });
    }

    /** The shared schema of every problem body (RFC 9457 plus our {@code code} and {@code requestId}). */
    static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem. Switch on `code`; `detail` is for people and may change.")
                .addProperty("type", new StringSchema().format("uri")
                        .description("`urn:secureconnect:problem:` and the code in kebab case"))
                .addProperty("title", new StringSchema().description("A constant summary of the code"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong this time, for people"))
                .addProperty("instance", new StringSchema().description("The request's path"))
                .addProperty(Problems.CODE, new StringSchema().description("The stable, machine-readable error code"))
                .addProperty(Problems.REQUEST_ID, new StringSchema()
                        .description("The request's `X-Request-ID`, which ties the answer to the logs"))
                .required(List.of("type", "title", "status", Problems.CODE));
    }

    /** One example body per code, named by the code, for {@code components.examples}. */
    static Map<String, Example> examples(Collection<ErrorCode> codes) {
        Map<String, Example> examples = new TreeMap<>();
        codes.forEach(code -> examples.put(code.name(), new Example().summary(code.title()).value(example(code))));
        return examples;
    }

    private static Schema<?> problemWith(Collection<String> codes) {
        Schema<?> codeValues = new ObjectSchema().addProperty(Problems.CODE,
                new StringSchema()._enum(List.copyOf(codes)));
        return new Schema<>().allOf(List.of(new Schema<>().$ref(SCHEMA), codeValues));
    }

    private static ApiResponse response(Map<String, ErrorCode> codes, String schemaName) {
        Schema<?> schema = new Schema<>().$ref(schemaName);
        Map<String, Example> examples = new LinkedHashMap<>();
        codes.keySet().forEach(code -> examples.put(code, new Example().$ref("#/components/examples/" + code)));
        String description = codes.values().stream()
                .map(code -> "`" + code.name() + "`: " + code.title())
                .collect(Collectors.joining("; "));
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(MEDIA_TYPE, new MediaType().schema(schema).examples(examples)));
    }

    private static String pascalCase(String code) {
        StringBuilder name = new StringBuilder();
        for (String word : code.split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }

    private static Map<String, Object> example(ErrorCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.typeOf(code).toString());
        body.put("title", code.title());
        body.put("status", code.status().value());
        body.put("detail", code.title() + ".");
        body.put("instance", "/api/v1/…");
        body.put(Problems.CODE, code.name());
        body.put(Problems.REQUEST_ID, "5f0c6e1e-8a4b-4d61-9a70-0c1f3e0f2b7d");
        return body;
    }
}
