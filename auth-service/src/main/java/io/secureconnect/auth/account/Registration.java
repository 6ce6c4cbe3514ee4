package io.secureconnect.auth.account;

import java.time.Clock;
import java.util.List;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.password.PasswordHasher;
import io.secureconnect.auth.sso.SsoRequiredDomains;
import io.secureconnect.auth.user.Emails;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserProfile;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;

/** Registration of new accounts; the verification email is queued in the outbox and goes out in the background. */
@Service
class Registration {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuditLogger audit;
    private final AccountEmails emails;
    private final PasswordPolicy policy;
    private final Clock clock;
    private final SsoRequiredDomains ssoRequiredDomains;

    Registration(UserRepository users, PasswordHasher hasher, AuditLogger audit, AccountEmails emails,
                 PasswordPolicy policy, Clock clock, SsoRequiredDomains ssoRequiredDomains) {
        this.clock = clock;
        this.ssoRequiredDomains = ssoRequiredDomains;
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.emails = emails;
        this.policy = policy;
    }

    UserProfile register(RegisterRequest request) {
        String email = Emails.normalize(request.email());
        ssoRequiredDomains.refuseIfRequired(email, "auth.register"); // its accounts come from the provider, just in time
        policy.check(request.password(), email, request.displayName());
        User user = new User(Ids.newId(), email, request.displayName().strip(), hasher.hash(request.password()),
                false, List.of("user"), clock.instant(), null, true);
        if (!users.insert(user)) {
            audit.failure("auth.register", "user", "email taken");
            throw new ApiException(AuthErrorCode.AUTH_EMAIL_TAKEN, "An account with this email already exists.");
        }
        audit.record(AuditEvent.of("auth.register", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id()));
        emails.queue(AccountEmails.Kind.VERIFY_EMAIL, user.id(), user.email());
        return UserProfile.of(user);
    }
}
