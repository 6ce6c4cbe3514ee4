package io.secureconnect.storage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.audit.AuditSink;

import org.awaitility.Awaitility;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Every audit event the service under test records, beside the real log sink, so tests can ask what was audited. */
public final class RecordedAudit implements AuditSink {

    private final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> of(String action, AuditResult result, String resource) {
        return events.stream().filter(e -> e.action().equals(action) && e.result() == result
                && (resource == null || resource.equals(e.resource()))).toList();
    }

    /** Waits briefly for the event (it is recorded after the response may already have been sent). */
    public AuditEvent await(String action, AuditResult result, String resource) {
        return Awaitility.await(action + " " + result + " on " + resource)
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> of(action, result, resource), found -> !found.isEmpty()).getFirst();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        RecordedAudit recordedAudit() {
            return new RecordedAudit();
        }
    }
}
