package io.secureconnect.auth.mfa;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

/**
 * A WebAuthn assertion answering the second factor: the {@code requestId} of the challenge from
 * {@code POST /api/v1/auth/mfa/passkey/options} and the browser's {@code PublicKeyCredential.toJSON()}.
 */
public record PasskeyAnswer(@NotBlank @Size(max = 128) String requestId, @NotNull JsonNode credential) {
}
