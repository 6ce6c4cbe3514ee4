package io.secureconnect.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.text.Storable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A new account. The password rules beyond length live in {@link PasswordPolicy}. Named in the API description apart
 * from passkey registration's {@code RegisterRequest}, which would replace it.
 */
@Schema(name = "AccountRegistrationRequest")
record RegisterRequest(
        @Schema(example = "ann@example.com") @NotBlank @Email @Size(max = 254) @Storable String email,
        @Schema(description = "12 to 128 characters, hard to guess", format = "password",
                example = "violet-harbour-71-quilt")
        @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String password,
        @Schema(example = "Ann Lee") @NotBlank @Size(max = 64) @Storable String displayName) {
}
