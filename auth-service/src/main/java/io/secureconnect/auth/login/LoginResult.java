package io.secureconnect.auth.login;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.secureconnect.auth.session.TokenResponse;

/**
 * What a login answers (docs/identity.md, Logging in): either the token shape of a new session (with
 * {@code mfaEnrolmentRequired: true} when its token is limited to enrolling a second factor), or, when the account
 * has a second factor, {@code {mfaRequired: true, mfaToken, methods, expiresIn}} and no token at all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoginResult(String accessToken, String refreshToken, String tokenType, Long expiresIn,
                          Boolean mfaEnrolmentRequired, Boolean mfaRequired, String mfaToken, List<String> methods) {

    public static LoginResult signedIn(TokenResponse tokens) {
        return new LoginResult(tokens.accessToken(), tokens.refreshToken(), tokens.tokenType(), tokens.expiresIn(),
                tokens.mfaEnrolmentRequired(), null, null, null);
    }

    /** The challenge of the second factor: {@code mfaToken} answers it within {@code expiresIn} seconds. */
    public static LoginResult secondFactorRequired(String mfaToken, List<String> methods, long expiresIn) {
        return new LoginResult(null, null, null, expiresIn, null, true, mfaToken, List.copyOf(methods));
    }

    /** True when a session was opened (tokens), false for a second-factor challenge. */
    @JsonIgnore
    public boolean isSignedIn() {
        return accessToken != null;
    }
}
