package io.secureconnect.common.websocket;

import java.util.Map;
import java.util.stream.Collectors;

import io.secureconnect.common.text.StorableText;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client frames one socket understands, by {@code type}, and the one way they are read: a frame that is not a
 * JSON object with a string {@code type} is {@code MALFORMED_FRAME}; an unregistered type is {@code UNKNOWN_TYPE};
 * text that is not well-formed (an unpaired surrogate: it could not be stored, nor written to anyone it is passed on
 * to) and members of the wrong shape are {@code VALIDATION_FAILED}, or the code the record's {@link InvalidFrame}
 * names. The client's name for the frame is echoed only when it is well-formed text.
 */
public final class FrameTypes {

    public static final String MALFORMED_FRAME = "MALFORMED_FRAME";
    public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";

    private final JsonMapper json;
    private final Map<String, ObjectReader> readers;
    private final String protocolDoc;

    /**
     * @param types       every frame type of the socket and its record
     * @param protocolDoc where the frames are described, named in the answer to an unknown type
     */
    public FrameTypes(JsonMapper json, Map<String, Class<? extends ClientFrame>> types, String protocolDoc) {
        this.json = json;
        this.protocolDoc = protocolDoc;
        // the frame's own "type", and members a newer client may add, are not the record's business
        this.readers = types.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                type -> json.readerFor(type.getValue()).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)));
    }

    public Inbound read(String payload) {
        JsonNode node = parse(payload);
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            return refused(MALFORMED_FRAME, "Frames are JSON objects with a string \"type\".", null);
        }
        String ref = refOf(node);
        ObjectReader reader = readers.get(node.path("type").asString());
        if (reader == null) {
            return refused(UNKNOWN_TYPE, "Unknown frame type; see " + protocolDoc + ".", ref);
        }
        if (!wellFormed(node)) {
            return refused(InvalidFrame.VALIDATION_FAILED, "Text in a frame " + StorableText.PROBLEM + ".", ref);
        }
        try {
            return new Inbound.Frame(reader.readValue(node), ref);
        } catch (JacksonException e) {
            InvalidFrame invalid = invalidFrameIn(e);
            return invalid != null ? refused(invalid.code(), invalid.getMessage(), ref)
                    : refused(InvalidFrame.VALIDATION_FAILED, describe(e), ref);
        } catch (InvalidFrame invalid) {
            return refused(invalid.code(), invalid.getMessage(), ref);
        }
    }

    /**
     * The {@code clientId} (or else {@code ref}) of a frame, to name it in an answer that refuses it unread (a frame
     * over the rate); null when the frame or the name cannot be read.
     */
    public String refOf(String payload) {
        JsonNode node = parse(payload);
        return node == null || !node.isObject() ? null : refOf(node);
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Left out when not well-formed text: an unpaired surrogate cannot be encoded, and would fail the whole socket. */
    private static String refOf(JsonNode frame) {
        JsonNode name = frame.path("clientId").isString() ? frame.get("clientId") : frame.path("ref");
        return name.isString() && StorableText.isWellFormed(name.asString()) ? name.asString() : null;
    }

    /** Whether every name and string in the frame is well-formed text. */
    private static boolean wellFormed(JsonNode node) {
        if (node.isString()) {
            return StorableText.isWellFormed(node.asString());
        }
        for (var member : node.properties()) {
            if (!StorableText.isWellFormed(member.getKey()) || !wellFormed(member.getValue())) {
                return false;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!wellFormed(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static InvalidFrame invalidFrameIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFrame invalid) {
                return invalid;
            }
        }
        return null;
    }

    /** Names the member that did not fit, without echoing its value. */
    private static String describe(JacksonException e) {
        if (e instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String member = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return member + " has the wrong form.";
        }
        return "A member of the frame has the wrong form.";
    }

    private static Inbound refused(String code, String detail, String ref) {
        return new Inbound.Refused(ErrorFrame.of(code, detail, ref));
    }
}
