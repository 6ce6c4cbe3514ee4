package io.secureconnect.storage.quota;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;

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

    private final Quotas quotas;

    QuotaController(Quotas quotas) {
        this.quotas = quotas;
    }

    /** {@code usedBytes} counts completed files; {@code reservedBytes} uploads in progress, which also count. */
    record QuotaView(long usedBytes, long reservedBytes, long limitBytes) {
    }

    /** {@code limitBytes} null returns the user to the default limit. */
    record LimitChange(@PositiveOrZero Long limitBytes) {
    }

    @GetMapping("/api/v1/files/quota")
    QuotaView quota(Caller caller) {
        return view(quotas.usage(caller.userId()));
    }

    @PutMapping("/api/v1/files/admin/quotas/{userId}")
    @PreAuthorize("hasRole('admin')")
    QuotaView setLimit(@PathVariable UUID userId, @Valid @RequestBody LimitChange change) {
        return view(quotas.setLimit(userId, change.limitBytes()));
    }

    private static QuotaView view(QuotaLedger.Usage usage) {
        return new QuotaView(usage.usedBytes(), usage.reservedBytes(), usage.limitBytes());
    }
}
