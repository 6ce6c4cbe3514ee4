package io.secureconnect.common.audit;

/**
 * Where audit events go. The log stream is always one; the durable database trail is another. Sinks must not
 * throw into the caller's request and must not block it on slow I/O.
 */
public interface AuditSink {

    void accept(AuditEvent event);
}
