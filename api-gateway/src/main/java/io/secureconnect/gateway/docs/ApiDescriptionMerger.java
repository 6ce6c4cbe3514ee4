package io.secureconnect.gateway.docs;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * One OpenAPI description of the public API from the services' own (issue 23): every path as the gateway exposes
 * it (the same paths: the gateway routes by prefix and rewrites none), the tags, the security schemes and the
 * schemas. Two services may name different schemas alike ({@code Page}, {@code View}…): the later one's is then
 * renamed with its service as a prefix ({@code ChatPage}) and its references follow. A path given by two services
 * is a routing mistake and fails the merge.
 */
final class ApiDescriptionMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMA_REF = "#/components/schemas/";

    private ApiDescriptionMerger() {
    }

    /** @param services each service's description by its route name (auth, chat, …), in the order to list them */
    static ObjectNode merge(Map<String, JsonNode> services) {
        ObjectNode paths = NODES.objectNode();
        ObjectNode schemas = NODES.objectNode();
        ObjectNode securitySchemes = NODES.objectNode();
        ObjectNode responses = NODES.objectNode();
        ObjectNode examples = NODES.objectNode();
        Map<String, JsonNode> tags = new LinkedHashMap<>();
        String version = null;
        for (var service : services.entrySet()) {
            JsonNode spec = service.getValue().deepCopy();
            renameClashingSchemas(service.getKey(), spec, schemas);
            spec.path("components").path("schemas").properties().forEach(schema ->
                    schemas.set(schema.getKey(), schema.getValue()));
            sameEverywhere(service.getKey(), spec, "securitySchemes", securitySchemes);
            sameEverywhere(service.getKey(), spec, "responses", responses);
            sameEverywhere(service.getKey(), spec, "examples", examples);
            spec.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asString(), tag));
            for (var path : spec.path("paths").properties()) {
                if (paths.has(path.getKey())) {
                    throw new IllegalStateException(path.getKey() + " is described by two services");
                }
                paths.set(path.getKey(), path.getValue());
            }
            version = version == null ? spec.path("info").path("version").asString(null) : version;
        }
        ObjectNode components = NODES.objectNode();
        components.set("examples", sortedByName(examples));
        components.set("responses", sortedByName(responses));
        components.set("schemas", sortedByName(schemas));
        components.set("securitySchemes", securitySchemes);
        return description(version, paths, components, tags);
    }

    /**
     * Components every service makes the same way (common-lib's problem responses and examples, the bearer scheme):
     * one copy; the same name meaning two things would be a bug in the services' descriptions.
     */
    private static void sameEverywhere(String service, JsonNode spec, String kind, ObjectNode merged) {
        for (var component : spec.path("components").path(kind).properties()) {
            JsonNode earlier = merged.get(component.getKey());
            if (earlier != null && !earlier.equals(component.getValue())) {
                throw new IllegalStateException(service + " describes " + kind + " " + component.getKey()
                        + " unlike another service");
            }
            merged.set(component.getKey(), component.getValue());
        }
    }

    private static ObjectNode description(String version, ObjectNode paths, ObjectNode components,
                                          Map<String, JsonNode> tags) {
        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "SecureConnect API");
        info.put("version", version == null ? "unknown" : version);
        info.put("description", """
                The public API of SecureConnect, as the API gateway exposes it: accounts and identity, conversations \
                and messages, calls, files. Every request goes through the gateway; send the access token as \
                `Authorization: Bearer <token>`. Errors are RFC 9457 problems (`application/problem+json`): switch on \
                their `code`. The WebSockets are described in AsyncAPI: `/ws/chat` (docs/chat-asyncapi.yaml) and \
                `/ws/calls` (docs/calls-asyncapi.yaml).""");
        info.putObject("contact").put("name", "SecureConnect");
        info.putObject("license").put("name", "Apache License 2.0").put("identifier", "Apache-2.0");
        merged.putArray("servers").addObject().put("url", "/").put("description", "The API gateway");
        merged.putArray("tags").addAll(tags.values());
        merged.set("paths", paths);
        merged.set("components", components);
        return merged;
    }

    /** Renames in {@code spec} each schema whose name is taken by a different one in {@code taken}. */
    private static void renameClashingSchemas(String service, JsonNode spec, ObjectNode taken) {
        JsonNode own = spec.path("components").path("schemas");
        if (!(own instanceof ObjectNode ownSchemas)) {
            return;
        }
        Map<String, String> renames = new TreeMap<>();
        for (var schema : ownSchemas.properties()) {
            JsonNode earlier = taken.get(schema.getKey());
            if (earlier != null && !earlier.equals(schema.getValue())) {
                renames.put(schema.getKey(), capitalised(service) + schema.getKey());
            }
        }
        if (renames.isEmpty()) {
            return;
        }
        renames.forEach((from, to) -> {
            if (taken.has(to) || ownSchemas.has(to)) {
                throw new IllegalStateException("cannot rename schema " + from + " of " + service + ": " + to
                        + " is taken too");
            }
            ownSchemas.set(to, ownSchemas.remove(from));
        });
        rewriteReferences(spec, renames);
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
                String renamed = renames.get(ref.asString().substring(SCHEMA_REF.length()));
                if (renamed != null) {
                    object.set("$ref", StringNode.valueOf(SCHEMA_REF + renamed));
                }
            }
        }
        for (Iterator<JsonNode> children = node.values().iterator(); children.hasNext(); ) {
            rewriteReferences(children.next(), renames);
        }
    }

    private static ObjectNode sortedByName(ObjectNode schemas) {
        Map<String, JsonNode> byName = new TreeMap<>();
        schemas.properties().forEach(schema -> byName.put(schema.getKey(), schema.getValue()));
        ObjectNode sorted = NODES.objectNode();
        byName.forEach(sorted::set);
        return sorted;
    }

    private static String capitalised(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
