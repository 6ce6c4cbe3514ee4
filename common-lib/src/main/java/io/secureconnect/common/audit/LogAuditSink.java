package io.secureconnect.common.audit;

import static net.logstash.logback.argument.StructuredArguments.entries;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each event as one JSON line to the {@code AUDIT} logger, which logback-spring.xml routes to its own file
 * ({@code <service>-audit.log}) for the log shipper. The event fields are top-level JSON members.
 */
public class LogAuditSink implements AuditSink {

    private static final Logger AUDIT = LoggerFactory.getLogger("AUDIT");

    @Override
    public void accept(AuditEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_id", event.eventId().toString());
        fields.put("event_timestamp", event.timestamp().toString());
        fields.put("user_id", event.userId());
        fields.put("resource", event.resource());
        fields.put("action", event.action());
        fields.put("result", event.result().label());
        fields.put("reason", event.reason());
        fields.put("client_ip", event.clientIp());
        fields.put("request_id", event.requestId());
        AUDIT.info("audit {} {}", event.action(), event.result().label(), entries(fields));
    }
}
