package io.secureconnect.chat.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.audit.AuditSink;

/** An audit sink beside the log sink that keeps the events, so tests can check what was audited. */
public final class RecordedAudit implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> denials(String resource) {
        return events.stream().filter(e -> e.result() == AuditResult.DENIED && resource.equals(e.resource())).toList();
    }

    public List<AuditEvent> all() {
        return List.copyOf(events);
    }
}
