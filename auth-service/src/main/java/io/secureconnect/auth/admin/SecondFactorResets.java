package io.secureconnect.auth.admin;

import java.util.UUID;

import io.secureconnect.auth.mail.MailOutbox;
import io.secureconnect.auth.mail.MailRequest;
import io.secureconnect.auth.mfa.MfaReset;
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
 * An administrator removes a user's second factors (TOTP, recovery codes, passkeys) for a user who lost them: audited
 * {@code admin.mfa_reset}, and the user is mailed, so a reset they did not ask for does not go unnoticed.
 */
@Service
class SecondFactorResets {

    /** The outbox kind of the notice (written by account's mail composer). */
    static final String MAIL_KIND = "mfa_reset";

    private final UserRepository users;
    private final MfaReset reset;
    private final MailOutbox outbox;
    private final AuditLogger audit;

    SecondFactorResets(UserRepository users, MfaReset reset, MailOutbox outbox, AuditLogger audit) {
        this.users = users;
        this.reset = reset;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional
    void reset(UUID adminId, UUID userId) {
        User user = users.findById(userId).orElseThrow(() -> {
            audit.record(AuditEvent.of("admin.mfa_reset", AuditResult.FAILURE).user(adminId)
                    .resource("user:" + userId).reason("no such account"));
            return new ApiException(CommonErrorCode.NOT_FOUND, "No such user.");
        });
        reset.resetAll(userId);
        outbox.queue(new MailRequest(MAIL_KIND, user.id(), user.email()));
        audit.record(AuditEvent.of("admin.mfa_reset", AuditResult.SUCCESS).user(adminId).resource("user:" + userId));
    }
}
