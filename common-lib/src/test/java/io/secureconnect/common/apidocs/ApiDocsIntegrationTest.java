package io.secureconnect.common.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import io.secureconnect.common.mvc.MvcTestApplication;
import io.secureconnect.testsupport.contract.OpenApiContract;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What common-lib adds to a service's OpenAPI description, seen in the description the test service serves: a
 * documented operation gets its security and every problem response with its codes, and the contract check names
 * each operation a controller added without a summary or without its errors (MvcTestApplication's other
 * controllers are deliberately undocumented).
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsIntegrationTest {

    @LocalServerPort
    int port;

    private JsonNode spec;

    @BeforeEach
    void fetchTheDescription() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        spec = JsonMapper.shared().readTree(response.body());
    }

    @Test
    void aDocumentedOperationHasItsSecurityAndEveryProblemWithItsCodes() {
        JsonNode operation = spec.at("/paths/~1api~1v1~1documented~1{id}/put");

        assertThat(spec.path("openapi").asString()).startsWith("3.1");
        assertThat(spec.at("/info/version").asString()).isNotBlank().doesNotContain("@");
        assertThat(spec.at("/info/license/identifier").asString()).isEqualTo("Apache-2.0");
        assertThat(spec.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(operation.at("/security/0").propertyNames()).containsExactly("bearer");
        assertThat(operation.path("responses").propertyNames())
                .contains("200", "400", "401", "403", "409", "413", "415", "429", "503");
        assertThat(codes(operation, "409")).containsExactly("CONFLICT");
        assertThat(codes(operation, "400")).containsExactly("MALFORMED_REQUEST", "VALIDATION_FAILED");
        assertThat(codes(operation, "401")).containsExactly("UNAUTHENTICATED");
        assertThat(operation.at("/responses/409/$ref").asString()).isEqualTo("#/components/responses/Conflict");
        assertThat(spec.at("/components/responses/Conflict/content/application~1problem+json/examples/CONFLICT/$ref")
                .asString()).isEqualTo("#/components/examples/CONFLICT");
        assertThat(spec.at("/components/examples/CONFLICT/value/type").asString())
                .isEqualTo("urn:secureconnect:problem:conflict");
        assertThat(operation.toString()).doesNotContain("x-secureconnect");
        assertThat(OpenApiContract.violations(spec)).noneMatch(violation -> violation.contains("/api/v1/documented"));
    }

    @Test
    void anOperationWithoutASummaryOrItsErrorsIsAViolation() {
        assertThat(OpenApiContract.violations(spec)).contains(
                "GET /api/v1/missing has no summary", "GET /api/v1/missing declares no @ApiErrors");
    }

    @Test
    void anErrorCodeNoEnumDeclaresFailsTheDescription() {
        ErrorCatalog catalog = ErrorCatalog.scan(getClass().getClassLoader());

        assertThat(catalog.get("CONFLICT", "PUT /x").name()).isEqualTo("CONFLICT");
        assertThatThrownBy(() -> catalog.get("NO_SUCH_CODE", "PUT /x"))
                .hasMessageContaining("@ApiErrors of PUT /x names NO_SUCH_CODE");
    }

    private java.util.List<String> codes(JsonNode operation, String status) {
        String response = operation.at("/responses/" + status + "/$ref").asString().substring("#".length());
        String schema = spec.at(response + "/content/application~1problem+json/schema/$ref").asString()
                .substring("#".length());
        return spec.at(schema + "/allOf/1/properties/code/enum").valueStream().map(JsonNode::asString).toList();
    }
}
