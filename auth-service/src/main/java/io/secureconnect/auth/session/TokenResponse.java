package io.secureconnect.auth.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a login or refresh (the minimum API contract's token shape). {@code mfaEnrolmentRequired} is present
 * (true) only when the access token is limited to enrolling a second factor (docs/identity.md, Policy).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @Schema(description = "A JWT (ES256) to send as `Authorization: Bearer`",
                example = "eyJhbGciOiJFUzI1NiIsImtpZCI6Ik1rUTcifQ.eyJzdWIiOiIyNWU2NTdjYyJ9.c2lnbmF0dXJl")
        String accessToken,
        @Schema(description = "Single use: each refresh answers a new one",
                example = "IuMXXAVZv04NKuLTL31mMmQKgHJRz2A5HbZM7qd_qP0")
        String refreshToken,
        @Schema(example = "Bearer") String tokenType,
        @Schema(description = "Seconds until the access token expires", example = "900") long expiresIn,
        @Schema(description = "Present (true) only when the access token is limited to enrolling a second factor",
                example = "true") Boolean mfaEnrolmentRequired) {

    static TokenResponse bearer(String accessToken, String refreshToken, long expiresIn, boolean enrolmentRequired) {
        return new TokenResponse(accessToken, refreshToken, "Bearer", expiresIn, enrolmentRequired ? true : null);
    }

    @JsonIgnore
    public boolean enrolmentRequired() {
        return Boolean.TRUE.equals(mfaEnrolmentRequired);
    }
}
