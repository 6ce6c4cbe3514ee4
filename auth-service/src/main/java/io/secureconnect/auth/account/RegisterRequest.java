package io.secureconnect.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.text.Storable;

/** A new account. The password rules beyond length live in {@link PasswordPolicy}. */
record RegisterRequest(
        @NotBlank @Email @Size(max = 254) @Storable String email,
        @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String password,
        @NotBlank @Size(max = 64) @Storable String displayName) {
}
