package io.secureconnect.auth.mfa;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes every second factor of an account (TOTP, recovery codes, passkeys) and lifts its MFA lock: an
 * administrator's answer to a user who lost their authenticator. The caller audits and tells the user.
 */
@Service
public class MfaReset {

    private final SecondFactors factors;
    private final MfaLockout lockout;

    MfaReset(SecondFactors factors, MfaLockout lockout) {
        this.factors = factors;
        this.lockout = lockout;
    }

    @Transactional
    public void resetAll(UUID userId) {
        factors.resetAll(userId);
        lockout.reset(userId);
    }
}
