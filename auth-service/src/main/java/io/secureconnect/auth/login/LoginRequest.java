package io.secureconnect.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** Credentials plus an optional name of the device, shown in the session list. */
record LoginRequest(@Schema(example = "ann@example.com") @NotBlank @Size(max = 254) String email,
                    @Schema(format = "password", example = "correct-horse-battery-staple")
                    @NotNull @Size(max = 128) String password,
                    @Schema(description = "Shown in the session list", example = "Ann's laptop")
                    @Size(max = 100) String deviceName) {
}
