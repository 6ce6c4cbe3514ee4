package io.secureconnect.auth.passkey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/auth/mfa/passkey/options}: the request options for answering a login's second factor with a
 * passkey; the assertion then goes to {@code POST /api/v1/auth/mfa/verify} with the {@code mfaToken}.
 */
@RestController
class PasskeySecondFactorController {

    private final PasskeySecondFactor secondFactor;

    PasskeySecondFactorController(PasskeySecondFactor secondFactor) {
        this.secondFactor = secondFactor;
    }

    record OptionsRequest(@NotBlank @Size(max = 64) String mfaToken) {
    }

    @PostMapping("/api/v1/auth/mfa/passkey/options")
    PasskeyLogin.Started options(@Valid @RequestBody OptionsRequest request) {
        return secondFactor.start(request.mfaToken());
    }
}
