package io.secureconnect.auth.passkey;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.secureconnect.auth.AuthClient.Account;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.audit.AuditSink;

import org.awaitility.Awaitility;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Every audit event the service records, beside its real sinks (this configuration is itself a sink), so a test can
 * ask what was audited. The context, and so this recorder, serves every test of a class: ask about your own account.
 */
@TestConfiguration(proxyBeanMethods = false)
class RecordedAudit implements AuditSink {

    private final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(AuditEvent event) {
        events.add(event);
    }

    AuditEvent await(String action, AuditResult result, Account account) {
        return await(action, result, event -> account.id().toString().equals(event.userId()));
    }

    AuditEvent await(String action, AuditResult result, Predicate<AuditEvent> which) {
        return Awaitility.await(action + " " + result).atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().filter(e -> e.action().equals(action) && e.result() == result
                        && which.test(e)).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }
}
