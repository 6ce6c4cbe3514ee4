package io.secureconnect.auth.passkey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/auth/mfa/passkey/options}: the request options for answering a login's second factor with a
 * passkey; the assertion then goes to {@code POST /api/v1/auth/mfa/verify} with the {@code mfaToken}.
 */
@RestController
// the same tag, in the same words, as the mfa package's controllers (MfaController.TAG is package-private there)
@Tag(name = "Second Factors", description = "Two-step sign-in: answering a login's second factor, and a user's own"
        + " TOTP and recovery codes (passkeys are under Passkeys).")
class PasskeySecondFactorController {

    private final PasskeySecondFactor secondFactor;

    PasskeySecondFactorController(PasskeySecondFactor secondFactor) {
        this.secondFactor = secondFactor;
    }

    @Schema(name = "PasskeySecondFactorOptionsRequest")
    record OptionsRequest(@Schema(description = "From the login that answered `mfaRequired`",
                                  example = "q7Yx0b3dTnq9pGk2Wm1sZc8vR4eLhA6uJ5oP0iN2yXw")
                          @NotBlank @Size(max = 64) String mfaToken) {
    }

    @Operation(operationId = "startPasskeySecondFactor", summary = "Start answering a login's second factor with a"
            + " passkey", description = "The request options for `navigator.credentials.get`, naming this account's"
            + " passkeys; the assertion then goes to `verifySecondFactor` with the `mfaToken`, which stays unused"
            + " until then.")
    @ApiErrors({"MFA_TOKEN_INVALID", "PASSKEY_INVALID_REQUEST"})
    @PostMapping("/api/v1/auth/mfa/passkey/options")
    PasskeyLogin.Started options(@Valid @RequestBody OptionsRequest request) {
        return secondFactor.start(request.mfaToken());
    }
}
