package io.secureconnect.auth.account;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deleting one's account, confirmed with the password: every session ends, personal data is erased, and the
 * account can never log in again. Its id remains so conversations keep a "Deleted user" in them.
 */
@RestController
class AccountDeletion {

    private final UserRepository users;
    private final PasswordConfirmation passwords;
    private final Sessions sessions;
    private final AuditLogger audit;

    AccountDeletion(UserRepository users, PasswordConfirmation passwords, Sessions sessions, AuditLogger audit) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
    }

    record DeletionRequest(@NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String password) {
    }

    @DeleteMapping("/api/v1/users/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional(noRollbackFor = ApiException.class) // a wrong password stays counted
    public void delete(@Valid @RequestBody DeletionRequest request, @AuthenticationPrincipal Jwt token,
                       HttpServletRequest http) {
        User user = users.findById(UUID.fromString(token.getSubject()))
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "This account no longer exists."));
        passwords.confirm(user, request.password(), "auth.account_delete", http.getRemoteAddr());
        sessions.endAll(user.id(), "account deleted");
        users.anonymise(user.id());
        audit.record(AuditEvent.of("auth.account_delete", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
    }
}
