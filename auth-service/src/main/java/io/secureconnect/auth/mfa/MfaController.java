package io.secureconnect.auth.mfa;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.login.LoginResult;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/mfa/verify}: the second step of a login (public: the mfaToken is the credential). */
@RestController
class MfaController {

    private final MfaVerification verification;

    MfaController(MfaVerification verification) {
        this.verification = verification;
    }

    record VerifyRequest(@NotBlank @Size(max = 64) String mfaToken, @Size(max = 32) String code,
                         @Valid PasskeyAnswer passkey) {
    }

    @PostMapping("/api/v1/auth/mfa/verify")
    LoginResult verify(@Valid @RequestBody VerifyRequest request) {
        return verification.answer(request.mfaToken(), new MfaAnswer(request.code(), request.passkey()));
    }
}
