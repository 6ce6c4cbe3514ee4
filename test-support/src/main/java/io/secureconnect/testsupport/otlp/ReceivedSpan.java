package io.secureconnect.testsupport.otlp;

import java.util.Map;

/**
 * One span as a service exported it over OTLP: ids in lower-case hex (the W3C and log form), {@code parentSpanId}
 * empty for a root span, {@code kind} as OTLP names it ({@code SPAN_KIND_SERVER}, {@code SPAN_KIND_CLIENT}, ...),
 * {@code service} from the resource attribute {@code service.name}.
 */
public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                           String kind, Map<String, String> attributes) {

    public boolean isServer() {
        return kind.equals("SPAN_KIND_SERVER");
    }

    public boolean isClient() {
        return kind.equals("SPAN_KIND_CLIENT");
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    @Override
    public String toString() {
        return service + " " + kind + " '" + name + "' " + traceId + "/" + spanId
                + (isRoot() ? " (root)" : " parent " + parentSpanId) + " " + attributes;
    }
}
