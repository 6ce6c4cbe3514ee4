package io.secureconnect.auth.mfa;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.login.LoginResult;
import io.secureconnect.common.apidocs.ApiErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/mfa/verify}: the second step of a login (public: the mfaToken is the credential). */
@RestController
@Tag(name = MfaController.TAG, description = MfaController.TAG_DESCRIPTION)
class MfaController {

    /** The tag of every second-factor operation (the passkey package's too, with the same words). */
    static final String TAG = "Second Factors";
    static final String TAG_DESCRIPTION = "Two-step sign-in: answering a login's second factor, and a user's own TOTP"
            + " and recovery codes (passkeys are under Passkeys).";

    private final MfaVerification verification;

    MfaController(MfaVerification verification) {
        this.verification = verification;
    }

    @Schema(name = "SecondFactorAnswer", description = "The `mfaToken` of the login, and either `code` or `passkey`.")
    record VerifyRequest(@Schema(example = "q7Yx0b3dTnq9pGk2Wm1sZc8vR4eLhA6uJ5oP0iN2yXw")
                         @NotBlank @Size(max = 64) String mfaToken,
                         @Schema(description = "A 6-digit TOTP code, or a recovery code (`xxxxx-xxxxx`)",
                                 example = "492039")
                         @Size(max = 32) String code,
                         @Valid PasskeyAnswer passkey) {
    }

    @Operation(operationId = "verifySecondFactor", summary = "Answer a login's second factor",
            description = "Completes a login that answered `mfaRequired`: a TOTP or recovery code, or a passkey"
                    + " assertion for a challenge from `startPasskeySecondFactor`. Answers the token shape. A wrong"
                    + " answer does not use up the `mfaToken` but counts toward the account's lockout (5 within 15"
                    + " minutes lock the step for 15 minutes, 429 `MFA_LOCKED` with `Retry-After`).")
    @ApiErrors({"MFA_TOKEN_INVALID", "MFA_CODE_INVALID", "MFA_CODE_REPLAYED", "MFA_LOCKED", "PASSKEY_INVALID_REQUEST",
            "AUTH_ACCOUNT_BANNED"})
    @PostMapping("/api/v1/auth/mfa/verify")
    LoginResult verify(@Valid @RequestBody VerifyRequest request) {
        return verification.answer(request.mfaToken(), new MfaAnswer(request.code(), request.passkey()));
    }
}
