package io.secureconnect.video.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.audit.AuditSink;

/** One more audit sink beside the real ones, keeping the events so tests can check what was audited. */
public final class RecordedAudit implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(AuditEvent event) {
        events.add(event);
    }

    public boolean has(String action, AuditResult result, UUID user, String reason) {
        return events.stream().anyMatch(e -> e.action().equals(action) && e.result() == result
                && user.toString().equals(e.userId()) && (reason == null || reason.equals(e.reason())));
    }
}
