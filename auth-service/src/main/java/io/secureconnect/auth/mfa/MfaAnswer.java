package io.secureconnect.auth.mfa;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * An answer to the second-factor challenge: a {@code code} (6-digit TOTP or a recovery code) or a {@code passkey}
 * assertion. Exactly one is set (checked by {@code MfaVerification}).
 */
public record MfaAnswer(@Size(max = 32) String code, @Valid PasskeyAnswer passkey) {

    public static MfaAnswer ofCode(String code) {
        return new MfaAnswer(code, null);
    }
}
