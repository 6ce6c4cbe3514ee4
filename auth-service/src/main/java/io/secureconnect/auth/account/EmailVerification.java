package io.secureconnect.auth.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Confirms an email address with the single-use link sent at registration. */
@RestController
class EmailVerification {

    private final OneTimeTokens tokens;
    private final UserRepository users;
    private final AuditLogger audit;

    EmailVerification(OneTimeTokens tokens, UserRepository users, AuditLogger audit) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
    }

    record VerifyRequest(@NotBlank @Size(max = 256) String token) {
    }

    @PostMapping("/api/v1/auth/verify-email")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void verify(@Valid @RequestBody VerifyRequest request) {
        var userId = tokens.redeem(request.token(), OneTimeTokens.Purpose.VERIFY_EMAIL).orElseThrow(() -> {
            audit.failure("auth.verify_email", "user", "invalid, used or expired token");
            return new ApiException(AuthErrorCode.AUTH_INVALID_TOKEN, "This link is invalid, used or expired.");
        });
        users.markEmailVerified(userId);
        audit.record(AuditEvent.of("auth.verify_email", AuditResult.SUCCESS).user(userId).resource("user:" + userId));
    }
}
