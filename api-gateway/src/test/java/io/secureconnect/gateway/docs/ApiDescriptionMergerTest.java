package io.secureconnect.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import io.secureconnect.testsupport.contract.OpenApiContract;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole public API in one description, made as the gateway makes {@code /docs/openapi.json}, from the
 * services' committed descriptions: it follows the same contract as each of them, and it is the committed
 * docs/openapi/secureconnect.json that the lint and the generated client (api-client) use. Rewrite it with
 * {@code -Dsecureconnect.openapi.write=true} after a service's description changed.
 */
class ApiDescriptionMergerTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void theCommittedAggregateIsTheMergeOfTheServicesDescriptions() throws Exception {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        for (String service : new String[] {"auth", "chat", "video", "storage"}) { // the gateway's route order
            services.put(service, JSON.readTree(Files.readString(OpenApiContract.repositoryRoot()
                    .resolve("docs/openapi/" + service + "-service.json"))));
        }

        JsonNode merged = ApiDescriptionMerger.merge(services);

        String difference = OpenApiContract.differenceFromCommittedCopy(merged, "secureconnect");
        assertThat(OpenApiContract.violations(merged)).isEmpty();
        assertThat(difference).isNull();
        int operations = services.values().stream().mapToInt(ApiDescriptionMergerTest::operations).sum();
        assertThat(operations(merged)).as("every service's operations").isEqualTo(operations);
    }

    @Test
    void schemasNamedAlikeButDifferentAreRenamedAndTheirReferencesFollow() {
        JsonNode auth = JSON.readTree("""
                {"openapi":"3.1.0","info":{"version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"content":
                {"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}}}}}},
                "components":{"schemas":{"Page":{"type":"object"},"Problem":{"type":"object"}}}}""");
        JsonNode chat = JSON.readTree("""
                {"openapi":"3.1.0","info":{"version":"1"},"paths":{"/c":{"get":{"responses":{"200":{"content":
                {"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}}}}}},
                "components":{"schemas":{"Page":{"type":"array"},"Problem":{"type":"object"}}}}""");

        JsonNode merged = ApiDescriptionMerger.merge(Map.of("auth", auth, "chat", chat).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .collect(LinkedHashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()), Map::putAll));

        assertThat(merged.path("components").path("schemas").propertyNames())
                .containsExactly("ChatPage", "Page", "Problem");
        assertThat(merged.at("/paths/~1c/get/responses/200/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/ChatPage");
        assertThat(merged.at("/paths/~1a/get/responses/200/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Page");
    }

    @Test
    void aPathDescribedByTwoServicesIsAMistake() {
        JsonNode one = JSON.readTree("{\"openapi\":\"3.1.0\",\"paths\":{\"/a\":{}}}");

        assertThatThrownBy(() -> ApiDescriptionMerger.merge(new LinkedHashMap<>(Map.of("auth", one, "chat", one))))
                .hasMessageContaining("/a is described by two services");
    }

    private static int operations(JsonNode spec) {
        int count = 0;
        for (var path : spec.path("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                count += method.matches("get|put|post|delete|patch") ? 1 : 0;
            }
        }
        return count;
    }
}
