package io.secureconnect.auth.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.audit.AuditRecord;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.audit.AuditTrail;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.text.Storable;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

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

    record BanRequest(@NotBlank @Size(min = 10, max = 500) @Storable String reason,
                      @Min(1) @Max(87_600) Integer durationHours) {
    }

    record UnbanRequest(@Size(max = 500) @Storable String reason) {
    }

    @GetMapping("/stats")
    Map<String, Object> stats() {
        return users.stats();
    }

    @GetMapping("/users")
    Page<AdminUserView> listUsers(@RequestParam(required = false) @Size(max = 100) String search,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(defaultValue = "createdAt") String sort,
                                       @RequestParam(defaultValue = "desc") String order,
                                       @RequestParam(required = false) @Size(max = 500) String cursor,
                                       @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return users.list(search, status == null ? null : option(UserStatus.class, status, "status"),
                option(UserListSort.class, sort.replaceAll("([a-z])([A-Z])", "$1_$2"), "sort"),
                descending(order), cursor, limit);
    }

    @PostMapping("/users/{userId}/ban")
    Map<String, Object> ban(@PathVariable UUID userId, @Valid @RequestBody BanRequest request,
                            Caller admin) {
        Ban ban = bans.ban(admin.userId(), userId, request.reason().strip(),
                request.durationHours() == null ? null : Duration.ofHours(request.durationHours()));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", ban.userId());
        view.put("reason", ban.reason());
        view.put("bannedAt", ban.bannedAt());
        view.put("until", ban.until());
        view.put("permanent", ban.until() == null);
        return view;
    }

    @PostMapping("/users/{userId}/unban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unban(@PathVariable UUID userId, @Valid @RequestBody(required = false) UnbanRequest request) {
        bans.unban(userId, request == null ? null : request.reason());
    }

    /** Removes the user's second factors (they lost their authenticator); the user is mailed. */
    @PostMapping("/users/{userId}/mfa/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetSecondFactors(@PathVariable UUID userId, Caller admin) {
        secondFactorResets.reset(admin.userId(), userId);
    }

    /** Filters of the audit query and export, from query parameters; {@code resource} matches as a prefix. */
    record AuditFilter(@Size(max = 100) String userId, @Size(max = 100) String action, @Size(max = 500) String resource,
                       String result, @Size(max = 100) String service, Instant from, Instant to) {

        AuditTrail.Query query() {
            String resultLabel = result == null ? null : option(AuditResult.class, result, "result").label();
            return new AuditTrail.Query(userId, action, resource, resultLabel, service, from, to);
        }
    }

    @GetMapping("/audit")
    Page<AuditRecord> audit(@Valid AuditFilter filter,
                          @RequestParam(required = false) @Size(max = 500) String cursor,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return trail().search(filter.query(), cursor, limit);
    }

    @GetMapping("/audit/export")
    void exportAudit(@Valid AuditFilter filter, HttpServletResponse response) throws IOException {
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
    record VerificationView(boolean intact, long checked, int chains, long unkeyed, int headsChecked,
                            AuditTrail.BrokenLink firstBroken) {
    }

    @GetMapping("/audit/verify")
    VerificationView verifyAudit(@RequestParam(required = false) Instant from,
                                        @RequestParam(required = false) Instant to,
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
