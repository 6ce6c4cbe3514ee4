package io.secureconnect.auth.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a login or refresh (the minimum API contract's token shape). {@code mfaEnrolmentRequired} is present
 * (true) only when the access token is limited to enrolling a second factor (docs/identity.md, Policy).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn,
                            Boolean mfaEnrolmentRequired) {

    static TokenResponse bearer(String accessToken, String refreshToken, long expiresIn, boolean enrolmentRequired) {
        return new TokenResponse(accessToken, refreshToken, "Bearer", expiresIn, enrolmentRequired ? true : null);
    }

    @JsonIgnore
    public boolean enrolmentRequired() {
        return Boolean.TRUE.equals(mfaEnrolmentRequired);
    }
}
