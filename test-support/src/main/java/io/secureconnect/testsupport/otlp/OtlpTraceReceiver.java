package io.secureconnect.testsupport.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A real OTLP/HTTP trace receiver, as Tempo or an OpenTelemetry Collector offers on port 4318: it accepts
 * {@code POST /v1/traces} with an {@code application/x-protobuf} {@code ExportTraceServiceRequest} (gzip or not),
 * decodes it with the OpenTelemetry proto classes and keeps every span. Point a service at {@link #endpoint()}
 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}). Anything else is answered 404 or 415.
 */
public final class OtlpTraceReceiver implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private OtlpTraceReceiver(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    public static OtlpTraceReceiver start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            var receiver = new OtlpTraceReceiver(server);
            server.createContext("/", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the OTLP receiver", e);
        }
    }

    /** The full OTLP/HTTP traces URL, e.g. {@code http://127.0.0.1:41234/v1/traces}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** Every span received so far, in arrival order. */
    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace; fails at once if an export could not be decoded, rather than leave a test waiting. */
    public List<ReceivedSpan> spansOfTrace(String traceId) {
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an OTLP export could not be decoded", failures.getFirst());
        }
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Export requests accepted so far. */
    public int exportRequests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/traces")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-protobuf")) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            try {
                ExportTraceServiceRequest.parseFrom(body(exchange)).getResourceSpansList().forEach(this::keep);
            } catch (IOException | RuntimeException | LinkageError e) {
                failures.add(e);
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            requests.incrementAndGet();
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            exchange.getResponseBody().write(response);
        }
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        return gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
    }

    private void keep(ResourceSpans resourceSpans) {
        String service = attributes(resourceSpans.getResource().getAttributesList()).getOrDefault("service.name", "");
        var received = new ArrayList<ReceivedSpan>();
        for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
            for (Span span : scope.getSpansList()) {
                received.add(new ReceivedSpan(service, hex(span.getTraceId()), hex(span.getSpanId()),
                        hex(span.getParentSpanId()), span.getName(), span.getKind().name(),
                        attributes(span.getAttributesList())));
            }
        }
        spans.addAll(received);
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        var attributes = new LinkedHashMap<String, String>();
        keyValues.forEach(keyValue -> attributes.put(keyValue.getKey(), text(keyValue.getValue())));
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString().strip();
        };
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
