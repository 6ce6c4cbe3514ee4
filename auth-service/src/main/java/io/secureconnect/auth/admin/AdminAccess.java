package io.secureconnect.auth.admin;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.secureconnect.auth.mfa.MfaPolicy;
import io.secureconnect.auth.user.Administrators;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The gate of {@code /api/v1/admin/**}: only the {@code admin} role of an account with a verified email passes, and,
 * unless {@code SC_MFA_REQUIRED} is {@code none}, only from a session opened with a second factor (403
 * {@code ADMIN_MFA_REQUIRED});
 * everyone else gets 403, audited as {@code admin.access} denied. Every call that passes is audited too ({@code admin.api}, with its outcome), so the
 * trail shows what each administrator looked at, not only what they changed.
 */
class AdminAccess implements HandlerInterceptor {

    private static final String ADMIN_AUTHORITY = "ROLE_" + Administrators.ROLE;

    private final AuditLogger audit;
    private final UserRepository users;
    private final MfaPolicy mfaPolicy;

    AdminAccess(AuditLogger audit, UserRepository users, MfaPolicy mfaPolicy) {
        this.audit = audit;
        this.users = users;
        this.mfaPolicy = mfaPolicy;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
        if (!admin && mfaPolicy.adminsNeedMfa() && administrator(caller)) {
            // the token holds the role back from a session opened without a second factor (MfaPolicy.rolesOf)
            audit.denied("admin.access", resource(request), "administrator session without a second factor");
            throw new ApiException(AdminErrorCode.ADMIN_MFA_REQUIRED,
                    "Sign in with your second factor to use the admin API.");
        }
        if (!admin) {
            audit.denied("admin.access", resource(request), "role admin required");
            throw new ApiException(CommonErrorCode.FORBIDDEN, "Administrators only.");
        }
        if (!verified(caller.getName())) {
            audit.denied("admin.access", resource(request), "administrator without a verified email");
            throw new ApiException(CommonErrorCode.FORBIDDEN, "Administrators must verify their email address first.");
        }
        if (mfaPolicy.adminsNeedMfa() && !signedInWithSecondFactor(caller)) {
            audit.denied("admin.access", resource(request), "administrator session without a second factor");
            throw new ApiException(AdminErrorCode.ADMIN_MFA_REQUIRED,
                    "Sign in with your second factor to use the admin API.");
        }
        return true;
    }

    /** The session was opened with a second factor: {@code mfa} in the access token's amr (RFC 8176). */
    private static boolean signedInWithSecondFactor(Authentication caller) {
        if (caller instanceof JwtAuthenticationToken jwt) {
            List<String> amr = jwt.getToken().getClaimAsStringList("amr");
            return amr != null && amr.contains("mfa");
        }
        return false;
    }

    /** Whether the caller's account is an administrator (checked live), whatever its token carries. */
    private boolean administrator(Authentication caller) {
        return account(caller.getName()).map(user -> user.roles().contains(Administrators.ROLE)).orElse(false);
    }

    /** The role alone is not enough: an administrator's account must hold a verified address (checked live). */
    private boolean verified(String userId) {
        return account(userId).map(User::emailVerified).orElse(false);
    }

    private Optional<User> account(String userId) {
        try {
            return users.findById(UUID.fromString(userId));
        } catch (IllegalArgumentException notAUserId) {
            return Optional.empty();
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        int status = response.getStatus();
        AuditResult result = ex == null && status < 400 ? AuditResult.SUCCESS
                : status == 403 ? AuditResult.DENIED : AuditResult.FAILURE;
        audit.record(AuditEvent.of("admin.api", result).resource(resource(request))
                .reason(result == AuditResult.SUCCESS ? null : "status " + status));
    }

    private static String resource(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }
}
