package io.secureconnect.auth.mfa;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.JsonNode;

/**
 * A WebAuthn assertion answering the second factor: the {@code requestId} of the challenge from
 * {@code POST /api/v1/auth/mfa/passkey/options} and the browser's {@code PublicKeyCredential.toJSON()}.
 */
@Schema(name = "PasskeySecondFactorAnswer")
public record PasskeyAnswer(@Schema(example = "3f1c2a9e-5b7d-4c1e-9a8f-2d6b0e4c7a15")
                            @NotBlank @Size(max = 128) String requestId,
                            @Schema(implementation = Object.class, types = "object",
                                    description = "The browser's `PublicKeyCredential.toJSON()` of"
                                            + " `navigator.credentials.get`",
                                    example = PasskeyAnswer.ASSERTION_EXAMPLE)
                            @NotNull JsonNode credential) {

    /** What a browser sends for an assertion (shortened values), for the API description. */
    public static final String ASSERTION_EXAMPLE = "{\"id\":\"pJ2s3k0QmVq4yG8bR1xZ7w\","
            + "\"rawId\":\"pJ2s3k0QmVq4yG8bR1xZ7w\","
            + "\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"response\":{"
            + "\"clientDataJSON\":\"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0\","
            + "\"authenticatorData\":\"SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ\","
            + "\"signature\":\"MEUCIQDqk1y3nJx0f3Zc5aYVv8bH2lK3mTqL0A4sG9nWcE2pYwIgQ4v5d\","
            + "\"userHandle\":\"7Vb0cG3kR1qYx2nA5sD8fw\"},\"clientExtensionResults\":{}}";
}
