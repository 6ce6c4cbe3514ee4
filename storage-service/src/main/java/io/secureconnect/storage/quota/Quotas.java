package io.secureconnect.storage.quota;

import java.util.UUID;

import io.secureconnect.common.audit.AuditLogger;

import org.springframework.stereotype.Service;

/** What users and administrators do with quotas: read a user's usage, set (or clear) a user's own limit. */
@Service
class Quotas {

    private final QuotaLedger ledger;
    private final AuditLogger audit;

    Quotas(QuotaLedger ledger, AuditLogger audit) {
        this.ledger = ledger;
        this.audit = audit;
    }

    QuotaLedger.Usage usage(UUID user) {
        return ledger.usage(user);
    }

    /** {@code limitBytes} null returns the user to the default limit; answers the usage under the new limit. */
    QuotaLedger.Usage setLimit(UUID user, Long limitBytes) {
        ledger.setLimit(user, limitBytes);
        audit.success("storage.quota_limit_set", "user:" + user);
        return ledger.usage(user);
    }
}
