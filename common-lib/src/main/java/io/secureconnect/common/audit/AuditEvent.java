package io.secureconnect.common.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.secureconnect.common.id.Ids;

/**
 * One entry of the audit trail: who did what to which resource, with what outcome, and why. Field names of the
 * JSON form are snake_case (ARCHITECTURE §4) because Loki queries and the audit database use them.
 *
 * @param eventId   unique and time-ordered; makes persisting idempotent
 * @param userId    the acting user, or {@code null} when unauthenticated
 * @param resource  what was acted on, e.g. {@code file:0190…} or {@code GET /api/v1/files/{id}}
 * @param action    dotted verb, e.g. {@code auth.login}, {@code file.download}, {@code http.access}
 * @param reason    why it failed or was denied; never a secret
 */
public record AuditEvent(UUID eventId, Instant timestamp, String service, String userId, String resource,
                         String action, AuditResult result, String reason, String clientIp, String requestId) {

    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
    }

    /** Starts an event for {@code action} with a new id and the current time; the logger fills in the context. */
    public static Builder of(String action, AuditResult result) {
        return new Builder(action, result);
    }

    /** Fluent builder; unset context fields (user, ip, request id, service) are filled by {@link AuditLogger}. */
    public static final class Builder {
        private final String action;
        private final AuditResult result;
        private String userId;
        private String resource;
        private String reason;
        private String clientIp;
        private String requestId;

        private Builder(String action, AuditResult result) {
            this.action = action;
            this.result = result;
        }

        public Builder user(Object userId) {
            this.userId = userId == null ? null : userId.toString();
            return this;
        }

        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder clientIp(String clientIp) {
            this.clientIp = clientIp;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        AuditEvent build(String service, String contextUser, String contextIp, String contextRequestId) {
            return new AuditEvent(Ids.newId(), Instant.now(), service,
                    userId != null ? userId : contextUser, resource, action, result, reason,
                    clientIp != null ? clientIp : contextIp, requestId != null ? requestId : contextRequestId);
        }
    }
}
