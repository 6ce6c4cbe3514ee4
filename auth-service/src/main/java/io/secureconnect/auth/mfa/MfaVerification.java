package io.secureconnect.auth.mfa;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.secureconnect.auth.login.LoggingIn;
import io.secureconnect.auth.login.LoginResult;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answering the second factor: a login's challenge ({@code POST /api/v1/auth/mfa/verify}) and the code a signed-in
 * user types to change their second factors. Both go through the account's lockout, and every refusal is audited.
 */
@Service
public class MfaVerification {

    private final MfaChallenges challenges;
    private final SecondFactors factors;
    private final MfaLockout lockout;
    private final UserRepository users;
    private final LoggingIn loggingIn;
    private final AuditLogger audit;
    private final TransactionTemplate savepoint;

    MfaVerification(MfaChallenges challenges, SecondFactors factors, MfaLockout lockout, UserRepository users,
                    LoggingIn loggingIn, AuditLogger audit, PlatformTransactionManager transactions) {
        this.challenges = challenges;
        this.factors = factors;
        this.lockout = lockout;
        this.users = users;
        this.loggingIn = loggingIn;
        this.audit = audit;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Completes a login: the tokens of a session opened for the challenge's account, from the password step's
     * origin, with the amr of both factors. The token is consumed only by a right answer. One transaction, in which
     * the lockout holds the account's lock from its check through the verification to the count, so parallel answers
     * are taken one at a time; a refusal commits (the wrong answer stays counted).
     */
    @Transactional(noRollbackFor = ApiException.class)
    LoginResult answer(String mfaToken, MfaAnswer answer) {
        SecondFactor factor = factors.answering(answer);
        MfaChallenges.Pending pending = challenges.pending(mfaToken).orElseThrow(() -> {
            audit.record(AuditEvent.of(MfaLockout.ACTION, AuditResult.DENIED).resource("mfa_challenge")
                    .reason("unknown, used or expired mfaToken"));
            return tokenInvalid();
        });
        UUID userId = pending.userId();
        prove(userId, factor, answer);
        if (!challenges.consume(mfaToken)) { // another right answer was first
            audit.record(AuditEvent.of(MfaLockout.ACTION, AuditResult.DENIED).user(userId).resource("user:" + userId)
                    .reason("mfaToken consumed concurrently"));
            throw tokenInvalid();
        }
        User user = users.findById(userId).orElseThrow(MfaVerification::tokenInvalid);
        Set<String> amr = new LinkedHashSet<>(pending.amr());
        amr.addAll(factor.amr());
        return loggingIn.signedInBy(user, pending.origin(), List.copyOf(amr));
    }

    /**
     * Checks a code of a signed-in user (to turn TOTP off, to get new recovery codes): TOTP or a recovery code, under
     * the same lockout as logins, so a stolen access token is no unthrottled oracle.
     */
    @Transactional(noRollbackFor = ApiException.class)
    void proveCode(UUID userId, String code) {
        MfaAnswer answer = MfaAnswer.ofCode(code);
        SecondFactor factor = factors.answering(answer);
        if (factor.method().equals("passkey")) {
            throw new ApiException(io.secureconnect.common.web.CommonErrorCode.VALIDATION_FAILED, "Give a code.");
        }
        prove(userId, factor, answer);
    }

    private void prove(UUID userId, SecondFactor factor, MfaAnswer answer) {
        lockout.checkNotLocked(userId);
        boolean right;
        try {
            // in a savepoint: a factor that refuses inside a transaction of its own (a passkey) marks only the
            // savepoint rollback-only, not this transaction, which must commit the counted failure
            right = factor.enabledFor(userId) && Boolean.TRUE.equals(savepoint.execute(status -> {
                boolean verified = factor.verify(userId, answer);
                if (status.isRollbackOnly()) { // a refusal inside: back to the savepoint, and no answer is right
                    status.setRollbackOnly();
                    return false;
                }
                return verified;
            }));
        } catch (ApiException refused) {
            audit.record(AuditEvent.of(MfaLockout.ACTION, AuditResult.DENIED).user(userId).resource("user:" + userId)
                    .reason(factor.method() + ": " + refused.code()));
            throw refused;
        }
        if (!right) {
            lockout.failed(userId, factor.method());
            audit.record(AuditEvent.of(MfaLockout.ACTION, AuditResult.DENIED).user(userId).resource("user:" + userId)
                    .reason("wrong " + factor.method()));
            throw new ApiException(MfaErrorCode.MFA_CODE_INVALID, "The code is wrong.");
        }
        lockout.succeeded(userId);
        audit.record(AuditEvent.of(MfaLockout.ACTION, AuditResult.SUCCESS).user(userId).resource("user:" + userId)
                .reason(factor.method()));
    }

    private static ApiException tokenInvalid() {
        return new ApiException(MfaErrorCode.MFA_TOKEN_INVALID, "The sign-in has expired. Sign in again.");
    }
}
