package io.secureconnect.ops;

import static net.logstash.logback.argument.StructuredArguments.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.secureconnect.common.logging.JsonLogEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log pipeline end to end on paper: lines produced by common-lib's real encoder carry every field Alloy
 * extracts, Alloy's labels are the ones Loki queries in the dashboards select on, and Loki/Tempo keep what they
 * should for the time they should.
 */
class LogPipelineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALLOY = Repo.read("configs/alloy/config.alloy");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void applicationLinesCarryEveryFieldAlloyExtracts() {
        JsonNode line = encode("chat-service", Level.WARN, "message stored late", null,
                Map.of("request_id", "01a217da-4722-7274-9202-52ecff1d889c", "traceId", TRACE_ID, "spanId", "00f067aa0ba902b7"));

        Map<String, String> extracted = alloyJsonFields();
        assertThat(extracted).containsKeys("timestamp", "level", "service", "request_id", "trace_id");
        extracted.forEach((name, field) -> assertThat(line.has(field)).as("line has %s (for %s): %s", field, name, line).isTrue());
        assertThat(line.path("level").asString()).isEqualTo("WARN");
        assertThat(line.path("service").asString()).isEqualTo("chat-service");
        assertThat(line.path("trace_id").asString()).isEqualTo(TRACE_ID);
        assertThat(OffsetDateTime.parse(line.path("@timestamp").asString())).as("RFC 3339 for stage.timestamp").isNotNull();
    }

    @Test
    void auditLinesCarryTheirRequestIdAlthoughTheAuditFileHasNoMdc() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("action", "auth.login");
        event.put("result", "failure");
        event.put("request_id", "01a217da-0000-7000-8000-000000000001");
        JsonNode line = encode("auth-service", Level.INFO, "audit {} {}",
                new Object[] {"auth.login", "failure", entries(event)}, Map.of());

        assertThat(line.path("request_id").asString()).isEqualTo("01a217da-0000-7000-8000-000000000001");
        assertThat(line.path("service").asString()).isEqualTo("auth-service");
        assertThat(line.path("action").asString()).isEqualTo("auth.login");
    }

    @Test
    void alloyLabelsAreFewAndPerRequestValuesAreStructuredMetadata() {
        assertThat(block("stage.labels")).contains("service", "level", "log_type").doesNotContain("request_id", "trace_id");
        assertThat(block("stage.structured_metadata")).contains("request_id", "trace_id");
        assertThat(block("stage.template")).contains("audit", "app");
        assertThat(ALLOY).contains("url = \"http://loki:3100/loki/api/v1/push\"");
        assertThat(Compose.monitoring().services()).containsKey("loki");
    }

    /** Stream selectors of the dashboards' Loki queries only use labels Alloy sets. */
    @Test
    void dashboardsSelectOnlyOnLabelsAlloySets() {
        Set<String> labels = Set.of("service", "level", "log_type");
        Pattern selector = Pattern.compile("\\{([^}]*)}");
        Pattern matcher = Pattern.compile("([a-z_]+)\\s*(=~|!~|!=|=)");
        int queries = 0;
        for (var file : Repo.files("configs/grafana/dashboards", ".json")) {
            for (JsonNode target : JSON.readTree(Repo.read(file)).findValues("targets")) {
                for (JsonNode query : target) {
                    if (!query.path("datasource").path("uid").asString().equals("loki")) {
                        continue;
                    }
                    queries++;
                    Matcher streams = selector.matcher(query.path("expr").asString());
                    assertThat(streams.find()).isTrue();
                    Matcher names = matcher.matcher(streams.group(1));
                    while (names.find()) {
                        assertThat(names.group(1)).as("%s selects on", file.getFileName()).isIn(labels);
                    }
                }
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(4);
    }

    @Test
    void grafanaFindsTheTraceIdInALogLine() {
        String datasources = Repo.read("configs/grafana/provisioning/datasources/datasources.yml");
        Matcher regex = Pattern.compile("matcherRegex: '([^']+)'").matcher(datasources);
        assertThat(regex.find()).isTrue();
        String line = new String(encoder("video-service").encode(event("video-service", Level.INFO, "joined", null,
                Map.of("traceId", TRACE_ID))), StandardCharsets.UTF_8);
        Matcher traceId = Pattern.compile(regex.group(1)).matcher(line);
        assertThat(traceId.find()).as(line).isTrue();
        assertThat(traceId.group(1)).isEqualTo(TRACE_ID);
    }

    @Test
    void lokiAndTempoKeepDataForAFixedTime() {
        Map<String, Object> loki = Repo.yaml("configs/loki/loki.yml");
        assertThat(Yamls.at(loki, "compactor", "retention_enabled")).isEqualTo(true);
        assertThat(Yamls.at(loki, "limits_config", "retention_period")).isNotNull();
        assertThat(Yamls.at(loki, "limits_config", "allow_structured_metadata")).isEqualTo(true);
        assertThat(Yamls.maps(Yamls.map(loki, "schema_config"), "configs")).allSatisfy(c -> assertThat(c).containsEntry("schema", "v13"));

        Map<String, Object> tempo = Repo.yaml("configs/tempo/tempo.yml");
        assertThat(Yamls.at(tempo, "distributor", "receivers", "otlp", "protocols", "http", "endpoint")).isEqualTo("0.0.0.0:4318");
        assertThat(Yamls.at(tempo, "compactor", "compaction", "block_retention")).isNotNull();
        assertThat(Compose.production().environment("api-gateway").get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"))
                .asString().contains("tempo:4318");
    }

    private static JsonNode encode(String service, Level level, String message, Object[] arguments, Map<String, String> mdc) {
        return JSON.readTree(new String(encoder(service).encode(event(service, level, message, arguments, mdc)), StandardCharsets.UTF_8));
    }

    private static JsonLogEncoder encoder(String service) {
        LoggerContext context = new LoggerContext();
        context.putProperty("SERVICE", service);
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private static LoggingEvent event(String service, Level level, String message, Object[] arguments, Map<String, String> mdc) {
        LoggerContext context = new LoggerContext();
        context.putProperty("SERVICE", service);
        Logger logger = context.getLogger("io.secureconnect.Example");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, null, arguments);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    /** stage.json expressions: extracted name to JSON field. */
    private static Map<String, String> alloyJsonFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)\\s*=\\s*\"((?:\\\\\"|[^\"])*)\"").matcher(block("stage.json"));
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("\\\"", ""));
        }
        return fields;
    }

    private static String block(String name) {
        int start = ALLOY.indexOf(name + " {");
        assertThat(start).as("%s in config.alloy", name).isNotNegative();
        int depth = 0;
        for (int i = ALLOY.indexOf('{', start); i < ALLOY.length(); i++) {
            depth += ALLOY.charAt(i) == '{' ? 1 : ALLOY.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return ALLOY.substring(start, i + 1);
            }
        }
        throw new AssertionError("unbalanced " + name);
    }
}
