package io.secureconnect.auth.admin;

import java.time.Clock;
import java.util.Map;

import io.secureconnect.auth.login.SignedIn;
import io.secureconnect.auth.login.LoginPolicy;
import io.secureconnect.auth.user.User;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Refuses the login of a banned account with {@code AUTH_ACCOUNT_BANNED}, as a {@link LoginPolicy}: after the lockout
 * gate and the password check (S21), and after any other first factor (SSO, a passkey), so the answer tells a ban to the account's owner only, and password guesses at a
 * banned account are throttled and audited like any other.
 */
@Component
@Order(LoginPolicy.BAN)
class BannedAccountLogins implements LoginPolicy {

    private final BanRepository bans;
    private final Clock clock;
    private final AuditLogger audit;

    BannedAccountLogins(BanRepository bans, AuditLogger audit, Clock clock) {
        this.clock = clock;
        this.bans = bans;
        this.audit = audit;
    }

    @Override
    public void checkSignIn(SignedIn signIn) {
        User user = signIn.user();
        Ban ban = bans.findActive(user.id(), clock.instant()).orElse(null);
        if (ban != null) {
            audit.record(AuditEvent.of("auth.login", AuditResult.DENIED).user(user.id()).resource("user:" + user.id())
                    .reason("account banned"));
            throw new ApiException(AdminErrorCode.AUTH_ACCOUNT_BANNED,
                    ban.until() == null ? "This account is banned." : "This account is banned until " + ban.until() + ".",
                    ban.until() == null ? Map.of() : Map.of("bannedUntil", ban.until().toString()));
        }
    }
}
