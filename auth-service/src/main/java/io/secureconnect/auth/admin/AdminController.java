package io.secureconnect.auth.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.audit.AuditRecord;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.audit.AuditTrail;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.text.Storable;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API: system stats, the user list, bans, and the audit trail (query, CSV export, chain verification).
 * {@link AdminAccess} lets only administrators in and audits every call.
 */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration", description = "For administrators with a verified email, signed in with a second factor"
        + " (unless `SC_MFA_REQUIRED` is `none`): system figures, the user list, bans, second-factor resets, and the"
        + " audit trail. Every call is audited.")
@ApiErrors({"FORBIDDEN", "ADMIN_MFA_REQUIRED"}) // AdminAccess, in front of every route here
class AdminController {

    private static final int EXPORT_LIMIT = 100_000;

    private final UserAdministration users;
    private final Bans bans;
    private final ObjectProvider<AuditTrail> trails;
    private final Clock clock;
    private final SecondFactorResets secondFactorResets;

    /** The audit trail is absent when a deployment turned it off ({@code SC_AUDIT_ENABLED=false}). */
    AdminController(UserAdministration users, Bans bans, ObjectProvider<AuditTrail> trails, Clock clock,
                    SecondFactorResets secondFactorResets) {
        this.clock = clock;
        this.secondFactorResets = secondFactorResets;
        this.users = users;
        this.bans = bans;
        this.trails = trails;
    }

    record BanRequest(@Schema(example = "Repeated spam in public conversations")
                      @NotBlank @Size(min = 10, max = 500) @Storable String reason,
                      @Schema(description = "Hours until the ban ends; absent for a permanent ban", example = "72")
                      @Min(1) @Max(87_600) Integer durationHours) {
    }

    record UnbanRequest(@Schema(example = "Appeal accepted") @Size(max = 500) @Storable String reason) {
    }

    /** A ban as it was just made; {@code until} null and {@code permanent} true for a permanent one. */
    record BanResult(@Schema(example = "60dff14a-2bd2-49f9-afac-c5f264a67f91") UUID userId,
                     @Schema(example = "Repeated spam in public conversations") String reason,
                     @Schema(example = "2026-12-07T20:30:00Z") Instant bannedAt,
                     @Schema(example = "2026-12-10T20:30:00Z", nullable = true) Instant until,
                     @Schema(example = "false") boolean permanent) {
    }

    /**
     * Describes the map {@link UserAdministration#stats} answers, for the API description only: its keys are the
     * fields here.
     */
    @Schema(name = "SystemStats")
    record StatsView(@Schema(description = "Accounts by status: active, unverified, banned, deleted",
                             example = "{\"active\": 1290, \"unverified\": 57, \"banned\": 3, \"deleted\": 12}")
                     Map<String, Long> usersByStatus,
                     @Schema(example = "845") long activeSessions,
                     @Schema(description = "Figures other services own, not counted here",
                             example = "[\"messagesPerDay\", \"callsPerDay\", \"storageUsedBytes\"]")
                     List<String> notAvailable) {
    }

    @Operation(operationId = "getSystemStats", summary = "System figures",
            description = "Accounts by status and active sessions. Figures other services own (messages, calls,"
                    + " storage) are listed under `notAvailable` rather than guessed.")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = StatsView.class)))
    @ApiErrors({})
    @GetMapping("/stats")
    Map<String, Object> stats() {
        return users.stats();
    }

    @Operation(operationId = "listUsers", summary = "List and search accounts",
            description = "Paginated; `search` matches the email or the display name. Each account says its status,"
                    + " its ban if any, and how it signs in.")
    @ApiErrors({})
    @GetMapping("/users")
    Page<AdminUserView> listUsers(@Parameter(description = "Part of the email or display name", example = "ann")
                                  @RequestParam(required = false) @Size(max = 100) String search,
                                  @Parameter(schema = @Schema(allowableValues = {"active", "unverified", "banned",
                                          "deleted"}))
                                  @RequestParam(required = false) String status,
                                  @Parameter(schema = @Schema(allowableValues = {"createdAt", "email", "displayName"},
                                          defaultValue = "createdAt"))
                                  @RequestParam(defaultValue = "createdAt") String sort,
                                  @Parameter(schema = @Schema(allowableValues = {"asc", "desc"}, defaultValue = "desc"))
                                  @RequestParam(defaultValue = "desc") String order,
                                  @Parameter(description = "The previous page's `nextCursor`")
                                  @RequestParam(required = false) @Size(max = 500) String cursor,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return users.list(search, status == null ? null : option(UserStatus.class, status, "status"),
                option(UserListSort.class, sort.replaceAll("([a-z])([A-Z])", "$1_$2"), "sort"),
                descending(order), cursor, limit);
    }

    @Operation(operationId = "banUser", summary = "Ban an account",
            description = "For `durationHours`, or permanently without it. Every session of the account ends at"
                    + " once, and it cannot sign in while banned (`AUTH_ACCOUNT_BANNED`). Banning again replaces"
                    + " the ban.")
    @ApiErrors({"NOT_FOUND", "ADMIN_CANNOT_BAN_SELF"})
    @PostMapping("/users/{userId}/ban")
    BanResult ban(@PathVariable UUID userId, @Valid @RequestBody BanRequest request, Caller admin) {
        Ban ban = bans.ban(admin.userId(), userId, request.reason().strip(),
                request.durationHours() == null ? null : Duration.ofHours(request.durationHours()));
        return new BanResult(ban.userId(), ban.reason(), ban.bannedAt(), ban.until(), ban.until() == null);
    }

    @Operation(operationId = "unbanUser", summary = "Lift an account's ban",
            description = "The body, with the reason for the audit trail, is optional.")
    @ApiErrors("NOT_FOUND")
    @PostMapping("/users/{userId}/unban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unban(@PathVariable UUID userId, @Valid @RequestBody(required = false) UnbanRequest request) {
        bans.unban(userId, request == null ? null : request.reason());
    }

    /** Removes the user's second factors (they lost their authenticator); the user is mailed. */
    @Operation(operationId = "resetUserSecondFactors", summary = "Remove an account's second factors",
            description = "For a user who lost their authenticator: their TOTP, recovery codes and passkeys are"
                    + " removed, and they are mailed about it.")
    @ApiErrors("NOT_FOUND")
    @PostMapping("/users/{userId}/mfa/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetSecondFactors(@PathVariable UUID userId, Caller admin) {
        secondFactorResets.reset(admin.userId(), userId);
    }

    /** Filters of the audit query and export, from query parameters; {@code resource} matches as a prefix. */
    record AuditFilter(@Parameter(description = "The acting user's id",
                                  example = "25e657cc-006a-4fb5-ad4e-1a980fbfa041") @Size(max = 100) String userId,
                       @Parameter(example = "auth.login") @Size(max = 100) String action,
                       @Parameter(description = "A prefix of the resource", example = "user:")
                       @Size(max = 500) String resource,
                       @Parameter(schema = @Schema(allowableValues = {"success", "failure", "denied"}))
                       String result,
                       @Parameter(example = "auth-service") @Size(max = 100) String service,
                       @Parameter(description = "Events at or after", example = "2026-12-01T00:00:00Z") Instant from,
                       @Parameter(description = "Events before", example = "2026-12-08T00:00:00Z") Instant to) {

        AuditTrail.Query query() {
            String resultLabel = result == null ? null : option(AuditResult.class, result, "result").label();
            return new AuditTrail.Query(userId, action, resource, resultLabel, service, from, to);
        }
    }

    @Operation(operationId = "searchAudit", summary = "Search the audit trail",
            description = "Events of every service, newest first, paginated. `SERVICE_UNAVAILABLE` where the durable"
                    + " audit trail is turned off.")
    @ApiErrors({})
    @GetMapping("/audit")
    Page<AuditRecord> audit(@ParameterObject @Valid AuditFilter filter,
                          @RequestParam(required = false) @Size(max = 500) String cursor,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return trail().search(filter.query(), cursor, limit);
    }

    @Operation(operationId = "exportAudit", summary = "Export the audit trail as CSV",
            description = "The events the same filters find, newest first, at most 100,000, as an attachment"
                    + " `audit.csv`.")
    @ApiResponse(responseCode = "200", description = "The events, one CSV line each after a header line",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @ApiErrors({})
    @GetMapping("/audit/export")
    void exportAudit(@ParameterObject @Valid AuditFilter filter, HttpServletResponse response) throws IOException {
        AuditTrail.Query query = filter.query();
        AuditTrail trail = trail();
        trail.search(query, null, 1); // fails as a problem (503) before the CSV starts if the database is down
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        PrintWriter out = response.getWriter();
        out.print(AuditCsv.HEADER);
        trail.forEach(query, EXPORT_LIMIT, record -> out.print(AuditCsv.line(record)));
        out.flush();
    }

    /**
     * The outcome of a chain verification; {@code firstBroken} is null when {@code intact}. {@code unkeyed}: rows from
     * before the chain was keyed (plain SHA-256); {@code headsChecked}: chain heads exported outside the database that
     * were compared with it.
     */
    @Schema(name = "AuditVerification")
    record VerificationView(@Schema(example = "true") boolean intact, @Schema(example = "48211") long checked,
                            @Schema(example = "6") int chains, @Schema(example = "0") long unkeyed,
                            @Schema(example = "6") int headsChecked,
                            @Schema(description = "Where a chain first does not hold; null when intact")
                            AuditTrail.BrokenLink firstBroken) {
    }

    @Operation(operationId = "verifyAudit", summary = "Verify the audit trail's hash chains",
            description = "Checks that no event between `from` (default: 7 days before `to`) and `to` (default: now)"
                    + " was changed, removed or inserted; `firstBroken` says where a chain does not hold.")
    @ApiErrors({})
    @GetMapping("/audit/verify")
    VerificationView verifyAudit(@Parameter(example = "2026-12-01T00:00:00Z")
                                 @RequestParam(required = false) Instant from,
                                 @Parameter(example = "2026-12-08T00:00:00Z")
                                 @RequestParam(required = false) Instant to,
                                 @Parameter(example = "auth-service")
                                 @RequestParam(required = false) @Size(max = 100) String service) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : to;
        AuditTrail.Verification result = trail().verify(from == null ? end.minus(Duration.ofDays(7)) : from, end, service);
        return new VerificationView(result.intact(), result.checked(), result.chains(), result.unkeyed(),
                result.headsChecked(), result.firstBroken());
    }

    private AuditTrail trail() {
        AuditTrail trail = trails.getIfAvailable();
        if (trail == null) {
            throw new ApiException(CommonErrorCode.SERVICE_UNAVAILABLE, "The durable audit trail is turned off here.");
        }
        return trail;
    }

    private static <E extends Enum<E>> E option(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Unknown " + name + ": " + value + ".");
        }
    }

    private static boolean descending(String order) {
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Unknown order: " + order + ".");
        };
    }
}
