package io.secureconnect.storage.quota;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.security.Caller;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A user's storage usage, and per-user limits set by administrators. */
@RestController
class QuotaController {

    private final QuotaLedger ledger;
    private final AuditLogger audit;

    QuotaController(QuotaLedger ledger, AuditLogger audit) {
        this.ledger = ledger;
        this.audit = audit;
    }

    /** {@code usedBytes} counts completed files; {@code reservedBytes} uploads in progress, which also count. */
    record QuotaView(long usedBytes, long reservedBytes, long limitBytes) {
    }

    /** {@code limitBytes} null returns the user to the default limit. */
    record LimitChange(@PositiveOrZero Long limitBytes) {
    }

    @GetMapping("/api/v1/files/quota")
    QuotaView quota(Caller caller) {
        return view(ledger.usage(caller.userId()));
    }

    @PutMapping("/api/v1/files/admin/quotas/{userId}")
    @PreAuthorize("hasRole('admin')")
    QuotaView setLimit(@PathVariable UUID userId, @Valid @RequestBody LimitChange change) {
        ledger.setLimit(userId, change.limitBytes());
        audit.success("storage.quota_limit_set", "user:" + userId);
        return view(ledger.usage(userId));
    }

    private static QuotaView view(QuotaLedger.Usage usage) {
        return new QuotaView(usage.usedBytes(), usage.reservedBytes(), usage.limitBytes());
    }
}
