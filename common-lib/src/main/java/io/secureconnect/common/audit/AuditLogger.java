package io.secureconnect.common.audit;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.requestid.RequestIdFilter;
import io.secureconnect.common.requestid.RequestIds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one way to audit: every authentication, permission denial, file access and admin action goes through here.
 * Context the caller does not give (service, user, client ip, request id) is taken from the current request's MDC.
 * Each event is counted in {@code audit_events_total{action,result}} and handed to every {@link AuditSink}.
 */
public class AuditLogger {

    private static final Logger log = LoggerFactory.getLogger(AuditLogger.class);

    private final String service;
    private final List<AuditSink> sinks;
    private final MeterRegistry meters;

    public AuditLogger(String service, List<AuditSink> sinks, MeterRegistry meters) {
        this.service = service;
        this.sinks = List.copyOf(sinks);
        this.meters = meters;
    }

    public AuditEvent record(AuditEvent.Builder builder) {
        AuditEvent event = builder.build(service, MDC.get("user_id"), MDC.get(RequestIdFilter.CLIENT_IP_MDC_KEY),
                MDC.get(RequestIds.MDC_KEY));
        Counter.builder("audit.events")
                .description("Audit events recorded")
                .tag("action", event.action())
                .tag("result", event.result().label())
                .register(meters)
                .increment();
        for (AuditSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                // an audit sink failing must never fail the user's request; the log sink still has the event
                log.error("Audit sink {} failed for event {}", sink.getClass().getSimpleName(), event.eventId(), e);
            }
        }
        return event;
    }

    public AuditEvent success(String action, String resource) {
        return record(AuditEvent.of(action, AuditResult.SUCCESS).resource(resource));
    }

    public AuditEvent denied(String action, String resource, String reason) {
        return record(AuditEvent.of(action, AuditResult.DENIED).resource(resource).reason(reason));
    }

    public AuditEvent failure(String action, String resource, String reason) {
        return record(AuditEvent.of(action, AuditResult.FAILURE).resource(resource).reason(reason));
    }
}
