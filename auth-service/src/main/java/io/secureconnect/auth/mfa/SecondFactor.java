package io.secureconnect.auth.mfa;

import java.util.List;
import java.util.UUID;

/**
 * One kind of second factor (TOTP, recovery codes, passkeys). Every bean is one method the MFA step of a login can
 * be answered with: the challenge lists the methods {@linkplain #enabledFor enabled} for the account, and an answer
 * goes to the factor that {@linkplain #accepts accepts its form}. Wrong answers count toward the account's lockout
 * (5 in 15 minutes) by the caller, not by the factor.
 */
public interface SecondFactor {

    /** The name in {@code methods} and in {@code auth_mfa_failed_total{method}}: "totp", "recovery", "passkey". */
    String method();

    /** Whether the account can answer with this factor now (TOTP confirmed, unused recovery codes, a passkey). */
    boolean enabledFor(UUID userId);

    /**
     * How many of this factor the account has, for the admin list and {@code GET /users/me/mfa} (passkeys count
     * each; the others are 0 or 1).
     */
    default int countFor(UUID userId) {
        return enabledFor(userId) ? 1 : 0;
    }

    /** Whether {@code answer} has this factor's form (a 6-digit code, a recovery code, a passkey assertion). */
    boolean accepts(MfaAnswer answer);

    /**
     * Checks an answer of the account: true when it proves the factor (and uses it up when it is single use); false
     * when it is wrong (counted toward the lockout). Throws an {@link io.secureconnect.common.web.ApiException} 400
     * for a malformed answer, or a 401 with its own code (e.g. {@code MFA_CODE_REPLAYED}).
     */
    boolean verify(UUID userId, MfaAnswer answer);

    /** Removes the factor from the account (an administrator's reset, or TOTP turned off). */
    void reset(UUID userId);

    /** The amr values (RFC 8176) a session proved by this factor adds to the first factor's: {@code ["otp","mfa"]}. */
    List<String> amr();
}
