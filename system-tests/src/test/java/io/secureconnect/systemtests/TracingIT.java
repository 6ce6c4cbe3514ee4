package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.otlp.OtlpTraceReceiver;
import io.secureconnect.testsupport.otlp.ReceivedSpan;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;
import io.secureconnect.testsupport.process.ServiceProcess;
import io.secureconnect.testsupport.redis.SharedRedis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traces as operators see them in Tempo: the real gateway and chat-service jars, exporting over OTLP/HTTP to a real
 * receiver (as in the compose file, every span recorded). One request is one trace: the gateway's server span, its
 * client span for the call to chat-service, and chat-service's server span as that call's child, all under the
 * {@code trace_id} both services write in their log lines for the request.
 *
 * <p>A pair of services of its own (the shared system exports nothing, as a deployment without Tempo), started
 * without the CDS archives the shared system's processes map.
 */
class TracingIT {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final List<Service> TRACED = List.of(Service.GATEWAY, Service.CHAT);

    private static OtlpTraceReceiver receiver;
    private static Workspace workspace;
    private static final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private static final List<TestDatabase> databases = new ArrayList<>();

    @BeforeAll
    static void startTracedServices() {
        receiver = OtlpTraceReceiver.start();
        var base = Workspace.locate();
        // inside this run's directory, so the next run tidies it away with the rest
        workspace = new Workspace(base.root(), base.target(), base.run().resolve("tracing"));
        createDirectories();
        var launcher = new JvmLauncher(workspace);
        launcher.prepare();
        var ports = new EnumMap<Service, Integer>(Service.class);
        TRACED.forEach(service -> ports.put(service, FreePorts.next()));
        int nothingListens = FreePorts.next();
        var common = commonEnvironment(ports, nothingListens);
        for (var service : TRACED) {
            var environment = new HashMap<>(common);
            environment.put("SERVER_PORT", String.valueOf(ports.get(service)));
            if (service.ownsDatabase()) {
                var database = TestDatabases.create();
                databases.add(database);
                environment.put("SC_DB_URL", database.jdbcUrl());
                environment.put("SC_DB_USER", database.username());
                if (database.password() != null) {
                    environment.put("SC_DB_PASSWORD", database.password());
                }
            }
            var command = new ArrayList<>(launcher.command(service));
            command.removeIf(option -> option.contains("SharedArchive"));
            processes.put(service, ServiceProcess.builder(service.module(), command).port(ports.get(service))
                    .environment(environment).output(workspace.outputFile(service)).start());
        }
        await("the traced gateway and chat-service ready").atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    for (var process : processes.values()) {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(process + " exited while starting:\n"
                                    + process.outputTail(40));
                        }
                    }
                    return processes.values().stream().allMatch(ServiceProcess::isReady);
                });
    }

    private static Map<String, String> commonEnvironment(Map<Service, Integer> ports, int nothingListens) {
        var audit = TestDatabases.create();
        databases.add(audit);
        var environment = new HashMap<String, String>();
        environment.put("SC_LOG_DIR", workspace.logs().toString());
        environment.put("SC_REDIS_URL", SharedRedis.allocateDatabase().url());
        environment.put("SC_JWKS_URI", TestJwks.shared().jwksUri());
        environment.put("SC_AUDIT_DB_URL", audit.jdbcUrl());
        environment.put("SC_KEYS_DIR", workspace.run().resolve("keys").toString());
        environment.put("SC_MAIL_OUTBOX_DIR", workspace.run().resolve("mail").toString());
        environment.put("SC_S3_DIR", workspace.run().resolve("s3").toString());
        String chat = "127.0.0.1:" + ports.get(Service.CHAT);
        String nowhere = "http://127.0.0.1:" + nothingListens;
        environment.putAll(Map.of("SC_CHAT_URL", "http://" + chat, "SC_CHAT_WS_URL", "ws://" + chat,
                "SC_AUTH_URL", nowhere, "SC_VIDEO_URL", nowhere, "SC_STORAGE_URL", nowhere,
                "SC_VIDEO_WS_URL", "ws://127.0.0.1:" + nothingListens));
        // the compose file's settings, plus a short export delay so the test need not wait five seconds
        environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", receiver.endpoint());
        environment.put("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
        environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms");
        return environment;
    }

    private static void createDirectories() {
        try {
            Files.createDirectories(workspace.logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopTracedServices() {
        processes.values().forEach(ServiceProcess::requestStop);
        processes.values().forEach(process -> process.awaitStop(Duration.ofSeconds(30)));
        databases.forEach(TestDatabase::drop);
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aRequestThroughTheGatewayIsOneTraceFromTheGatewayToTheService() {
        // given
        var requestId = "sys-tracing-" + UUID.randomUUID();

        // when: a client without a trace of its own lists its conversations
        var reply = Api.get(processes.get(Service.GATEWAY).uri("/api/v1/conversations"))
                .bearer(TestTokens.accessToken(UUID.randomUUID())).requestId(requestId).send();

        // then: the trace id of the gateway's access log line ...
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String traceId = gatewayTraceId(requestId);
        // ... is a trace of three spans: gateway server -> gateway client -> chat-service server
        var trace = await("spans of trace " + traceId).atMost(Duration.ofSeconds(15))
                .until(() -> receiver.spansOfTrace(traceId), spans -> spans.size() >= 3);
        var gatewayServer = only(trace, span -> span.service().equals("api-gateway") && span.isServer());
        var gatewayClient = only(trace, span -> span.service().equals("api-gateway") && span.isClient());
        var chatServer = only(trace, span -> span.service().equals("chat-service") && span.isServer());
        assertThat(gatewayServer.isRoot()).as(gatewayServer.toString()).isTrue();
        assertThat(gatewayClient.parentSpanId()).as(gatewayClient.toString()).isEqualTo(gatewayServer.spanId());
        assertThat(chatServer.parentSpanId()).as(chatServer.toString()).isEqualTo(gatewayClient.spanId());
        assertThat(chatServer.attributes()).containsEntry("uri", "/api/v1/conversations");
        assertThat(trace).as("nothing but the request's own spans").hasSize(3);
    }

    @Test
    void aClientsTraceIsContinuedAndTheServiceLogsItsSpanOfIt() {
        // given: a client that traces its own call (to a path chat-service answers 404 and logs)
        var requestId = "sys-tracing-" + UUID.randomUUID();
        var clientTrace = UUID.randomUUID().toString().replace("-", "");
        var clientSpan = clientTrace.substring(0, 16);

        // when
        Api.get(processes.get(Service.GATEWAY).uri("/api/v1/conversations/system-test-probe/no/such/path"))
                .bearer(TestTokens.accessToken(UUID.randomUUID())).requestId(requestId)
                .header("traceparent", "00-" + clientTrace + "-" + clientSpan + "-01").send();

        // then: the gateway's server span is the child of the client's span ...
        assertThat(gatewayTraceId(requestId)).isEqualTo(clientTrace);
        var trace = await("spans of trace " + clientTrace).atMost(Duration.ofSeconds(15))
                .until(() -> receiver.spansOfTrace(clientTrace), spans -> spans.size() >= 3);
        var gatewayServer = only(trace, span -> span.service().equals("api-gateway") && span.isServer());
        var gatewayClient = only(trace, span -> span.service().equals("api-gateway") && span.isClient());
        var chatServer = only(trace, span -> span.service().equals("chat-service") && span.isServer());
        assertThat(gatewayServer.parentSpanId()).isEqualTo(clientSpan);
        assertThat(chatServer.parentSpanId()).isEqualTo(gatewayClient.spanId());
        // ... and chat-service's log lines of the request name its span in that trace
        var chatLines = await("chat-service log lines of " + requestId).atMost(Duration.ofSeconds(10))
                .until(() -> new LogFiles(workspace.logs()).entriesWithRequestId(Service.CHAT.logFile(), requestId),
                        lines -> !lines.isEmpty());
        assertThat(chatLines).allSatisfy(line -> {
            assertThat(line.text("trace_id")).isEqualTo(clientTrace);
            assertThat(line.text("span_id")).isEqualTo(chatServer.spanId());
        });
    }

    private static String gatewayTraceId(String requestId) {
        var lines = await("the gateway's access log line of " + requestId).atMost(Duration.ofSeconds(10))
                .until(() -> new LogFiles(workspace.logs()).entriesWithRequestId(Service.GATEWAY.logFile(), requestId)
                        .stream().filter(line -> line.text("trace_id") != null).toList(), found -> !found.isEmpty());
        String traceId = lines.getFirst().text("trace_id");
        assertThat(traceId).matches("[0-9a-f]{32}");
        return traceId;
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, Predicate<ReceivedSpan> which) {
        var matching = trace.stream().filter(which).toList();
        assertThat(matching).as("one such span in %s", trace).hasSize(1);
        return matching.getFirst();
    }
}
