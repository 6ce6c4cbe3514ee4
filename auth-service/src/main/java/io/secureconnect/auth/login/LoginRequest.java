package io.secureconnect.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Credentials plus an optional name of the device, shown in the session list. */
record LoginRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password,
                    @Size(max = 100) String deviceName) {
}
