package io.secureconnect.auth.passkey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.login.LoginResult;
import io.secureconnect.auth.mfa.PasskeyAnswer;
import io.secureconnect.auth.session.SessionOrigin;
import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.text.Storable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** Signing in with a passkey and no password: {@code /api/v1/auth/passkey/options}, then {@code /login} (public). */
@RestController
@Tag(name = PasskeyController.TAG, description = PasskeyController.TAG_DESCRIPTION)
class PasskeySignInController {

    private final PasskeyLogin login;

    PasskeySignInController(PasskeyLogin login) {
        this.login = login;
    }

    /** {@code credential} is the browser's {@code PublicKeyCredential.toJSON()} of {@code navigator.credentials.get}. */
    @Schema(name = "PasskeySignInRequest")
    record PasskeyLoginRequest(@Schema(description = "From `startPasskeySignIn`",
                                       example = "3f1c2a9e-5b7d-4c1e-9a8f-2d6b0e4c7a15")
                               @NotBlank @Size(max = 64) String requestId,
                               @Schema(implementation = Object.class, types = "object",
                                       description = "The browser's `PublicKeyCredential.toJSON()` of"
                                               + " `navigator.credentials.get`",
                                       example = PasskeyAnswer.ASSERTION_EXAMPLE)
                               @NotNull JsonNode credential,
                               @Schema(description = "Names the session in the list of devices",
                                       example = "Firefox on Ann's laptop", nullable = true)
                               @Size(max = 100) @Storable String deviceName) {
    }

    @Operation(operationId = "startPasskeySignIn", summary = "Start signing in with a passkey",
            description = "The request options for `navigator.credentials.get` (any discoverable passkey of this"
                    + " site, user verification required) and the `requestId` to send back with the assertion"
                    + " (5 minutes, single use).")
    @ApiErrors({})
    @PostMapping("/api/v1/auth/passkey/options")
    PasskeyLogin.Started options() {
        return login.start();
    }

    @Operation(operationId = "signInWithPasskey", summary = "Sign in with a passkey",
            description = "A passkey whose authenticator verified its user stands for both factors: the answer is"
                    + " the token shape of a new session (`amr` `[\"hwk\",\"user\",\"mfa\"]`).")
    @ApiErrors({"PASSKEY_INVALID", "PASSKEY_INVALID_REQUEST", "AUTH_ACCOUNT_BANNED"})
    @PostMapping("/api/v1/auth/passkey/login")
    LoginResult logIn(@Valid @RequestBody PasskeyLoginRequest request, HttpServletRequest http) {
        return login.logIn(request.requestId(), request.credential(),
                new SessionOrigin(request.deviceName(), http.getHeader("User-Agent"), http.getRemoteAddr()));
    }
}
