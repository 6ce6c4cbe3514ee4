package io.secureconnect.storage.quota;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A user's storage usage, and per-user limits set by administrators. */
@RestController
@Tag(name = "Quotas")
class QuotaController {

    private final Quotas quotas;

    QuotaController(Quotas quotas) {
        this.quotas = quotas;
    }

    /** {@code usedBytes} counts completed files; {@code reservedBytes} uploads in progress, which also count. */
    record QuotaView(@Schema(example = "73400320") long usedBytes, @Schema(example = "5242880") long reservedBytes,
                     @Schema(example = "1073741824") long limitBytes) {
    }

    /** {@code limitBytes} null returns the user to the default limit. */
    record LimitChange(@Schema(example = "10737418240", nullable = true) @PositiveOrZero Long limitBytes) {
    }

    @Operation(operationId = "getQuota", summary = "Your storage usage and limit",
            description = "Uploads in progress count as reserved until they complete or expire.")
    @ApiErrors({})
    @GetMapping("/api/v1/files/quota")
    QuotaView quota(Caller caller) {
        return view(quotas.usage(caller.userId()));
    }

    @Operation(operationId = "setQuotaLimit", summary = "Set a user's storage limit (administrators)",
            description = "A null `limitBytes` returns the user to the default limit.")
    @ApiErrors("FORBIDDEN")
    @PutMapping("/api/v1/files/admin/quotas/{userId}")
    @PreAuthorize("hasRole('admin')")
    QuotaView setLimit(@PathVariable UUID userId, @Valid @RequestBody LimitChange change) {
        return view(quotas.setLimit(userId, change.limitBytes()));
    }

    private static QuotaView view(QuotaLedger.Usage usage) {
        return new QuotaView(usage.usedBytes(), usage.reservedBytes(), usage.limitBytes());
    }
}
