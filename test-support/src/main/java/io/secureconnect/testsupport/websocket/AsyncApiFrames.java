package io.secureconnect.testsupport.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The frames one AsyncAPI 3.0 description (docs/chat-asyncapi.yaml, docs/calls-asyncapi.yaml) says its server sends,
 * and a check of a received frame against them. The document describes the server, so the server→client messages
 * are those of its {@code send} operations; each payload schema names its frame by {@code properties.type.const}.
 *
 * <p>A frame's violations: not a JSON object with a string {@code type}; a {@code type} no {@code send} operation
 * has; anything its payload schema (JSON Schema draft 7, which the AsyncAPI schema format extends) refuses; and a
 * top-level member the schema does not list. Clients ignore members they do not know, so the schemas are open, but a
 * member the description leaves out is one the description got wrong. The schemas are compiled once; a check is a
 * JSON parse and a schema walk.
 */
public final class AsyncApiFrames {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final String name;
    private final String address;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final String base;
    /** Server→client payload schemas by frame type (usually one each), and the members each lists. */
    private final Map<String, List<Payload>> serverFrames = new LinkedHashMap<>();

    private record Payload(String pointer, Schema schema, Set<String> members) {
    }

    private AsyncApiFrames(String name, JsonNode document) {
        this.name = name;
        this.document = document;
        this.base = "https://secureconnect.invalid/" + name;
        // the whole document is the schema resource, so "#/components/schemas/..." references resolve in it
        String text = JSON.writeValueAsString(document);
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(Map.of(base, text)));
        String channelAddress = null;
        for (JsonNode operation : document.path("operations")) {
            if (!"send".equals(operation.path("action").asString())) {
                continue;
            }
            String channel = resolve(operation.path("channel")).path("address").asString(null);
            if (channelAddress == null) {
                channelAddress = channel;
            } else if (channel != null && !channel.equals(channelAddress)) {
                throw new IllegalArgumentException(name + " has send operations on " + channelAddress + " and "
                        + channel + "; the checker takes one socket per document");
            }
            for (JsonNode reference : operation.path("messages")) {
                addServerMessage(resolve(reference));
            }
        }
        if (channelAddress == null || serverFrames.isEmpty()) {
            throw new IllegalArgumentException(name + " has no send operation with messages on a channel address");
        }
        this.address = channelAddress;
    }

    /** Reads an AsyncAPI YAML document. */
    public static AsyncApiFrames load(Path yaml) {
        try {
            return new AsyncApiFrames(yaml.getFileName().toString(), YAML.readTree(Files.readString(yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's file name, for messages. */
    public String name() {
        return name;
    }

    /** The channel address the frames travel on, e.g. {@code /ws/chat}. */
    public String address() {
        return address;
    }

    /** Every frame type the server sends. */
    public Set<String> serverTypes() {
        return serverFrames.keySet();
    }

    /** What is wrong with a frame the server sent (its text as received); empty when it matches its schema. */
    public List<String> violations(String frameText) {
        return check(frameText).violations();
    }

    /** The frame's type ("?" when it has none) and what is wrong with it. */
    public Checked check(String frameText) {
        JsonNode frame;
        try {
            frame = JSON.readTree(frameText);
        } catch (JacksonException e) {
            return new Checked("?", List.of("not JSON: " + e.getOriginalMessage()));
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isString()) {
            return new Checked("?", List.of("not a JSON object with a string \"type\""));
        }
        String type = frame.path("type").asString();
        List<Payload> candidates = serverFrames.get(type);
        if (candidates == null) {
            return new Checked(type, List.of("unknown type \"" + type + "\": no server message of " + name
                    + " has it (known: " + serverTypes() + ")"));
        }
        List<String> fewest = null;
        for (Payload payload : candidates) {
            List<String> found = check(payload, frame);
            if (found.isEmpty()) {
                return new Checked(type, List.of());
            }
            if (fewest == null || found.size() < fewest.size()) {
                fewest = found;
            }
        }
        return new Checked(type, fewest);
    }

    /** A checked frame: its {@code type}, and what is wrong with it (empty: it matches). */
    public record Checked(String type, List<String> violations) {
    }

    /**
     * Every example of every message (both directions) checked against its own payload schema: the parser does
     * not check them, and an example that does not match teaches the wrong frame.
     */
    public List<String> exampleViolations() {
        List<String> found = new ArrayList<>();
        for (var message : document.path("components").path("messages").properties()) {
            JsonNode payload = message.getValue().path("payload");
            String pointer = pointerOf(payload, "#/components/messages/" + message.getKey() + "/payload");
            for (JsonNode example : message.getValue().path("examples")) {
                if (example.has("payload")) {
                    Payload schema = payload(pointer);
                    check(schema, example.get("payload")).forEach(problem -> found.add(message.getKey()
                            + " example \"" + example.path("name").asString("") + "\": " + problem));
                }
            }
        }
        return found;
    }

    private void addServerMessage(JsonNode message) {
        String pointer = pointerOf(message.path("payload"), null);
        if (pointer == null) {
            throw new IllegalArgumentException(name + ": a server message's payload must be a $ref to a schema, "
                    + "so that its violations name it: " + message);
        }
        JsonNode schema = resolve(message.path("payload"));
        String type = schema.path("properties").path("type").path("const").asString(null);
        if (type == null) {
            throw new IllegalArgumentException(name + ": the payload " + pointer + " names no type const");
        }
        serverFrames.computeIfAbsent(type, any -> new ArrayList<>()).add(payload(pointer));
    }

    private Payload payload(String pointer) {
        Schema schema = registry.getSchema(SchemaLocation.of(base + pointer));
        schema.initializeValidators();
        Set<String> members = new LinkedHashSet<>();
        at(pointer).path("properties").propertyNames().forEach(members::add);
        return new Payload(pointer, schema, members);
    }

    private static List<String> check(Payload payload, JsonNode frame) {
        List<String> found = new ArrayList<>();
        payload.schema().validate(frame).stream()
                .sorted(Comparator.comparing(Error::toString))
                .forEach(error -> found.add(error.toString() + " (" + payload.pointer() + ")"));
        for (String member : frame.propertyNames()) {
            if (!payload.members().contains(member)) {
                found.add("member \"" + member + "\" is not described (" + payload.pointer() + ")");
            }
        }
        return found;
    }

    /** The JSON pointer ("#/...") a {@code $ref} node points to, or {@code inline} when it is not a reference. */
    private static String pointerOf(JsonNode node, String inline) {
        String reference = node.path("$ref").asString(null);
        return reference != null && reference.startsWith("#/") ? reference : inline;
    }

    /** The node itself, or what its chain of local {@code $ref}s ends at. */
    private JsonNode resolve(JsonNode node) {
        for (int hops = 0; node.has("$ref"); hops++) {
            String reference = node.get("$ref").asString();
            if (!reference.startsWith("#/") || hops > 16) {
                throw new IllegalArgumentException(name + ": only local references are followed: " + reference);
            }
            node = at(reference);
        }
        return node;
    }

    private JsonNode at(String pointer) {
        JsonNode node = document.at(pointer.substring(1));
        if (node.isMissingNode()) {
            throw new IllegalArgumentException(name + ": nothing at " + pointer);
        }
        return node;
    }

    @Override
    public String toString() {
        return name + " (" + address + ", server frames " + serverTypes() + ")";
    }
}
