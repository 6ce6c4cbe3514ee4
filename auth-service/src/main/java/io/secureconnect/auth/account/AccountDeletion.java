package io.secureconnect.auth.account;

import java.util.UUID;

import io.secureconnect.auth.login.PasswordConfirmation;
import io.secureconnect.auth.mfa.MfaReset;
import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting one's account, confirmed with the password: every session ends, personal data is erased, and the
 * account can never log in again. Its id remains so conversations keep a "Deleted user" in them.
 */
@Service
class AccountDeletion {

    private final UserRepository users;
    private final PasswordConfirmation passwords;
    private final Sessions sessions;
    private final AuditLogger audit;
    private final MfaReset secondFactors;

    AccountDeletion(UserRepository users, PasswordConfirmation passwords, Sessions sessions, AuditLogger audit,
                    MfaReset secondFactors) {
        this.secondFactors = secondFactors;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Transactional(noRollbackFor = ApiException.class) // a wrong password stays counted
    public void delete(UUID userId, String password, String clientAddress) {
        User user = users.findById(userId)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "This account no longer exists."));
        passwords.confirm(user, password, "auth.account_delete", clientAddress);
        sessions.endAll(user.id(), "account deleted");
        users.anonymise(user.id());
        secondFactors.resetAll(user.id()); // a deleted account keeps no TOTP secret, recovery code or passkey
        audit.record(AuditEvent.of("auth.account_delete", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
    }
}
