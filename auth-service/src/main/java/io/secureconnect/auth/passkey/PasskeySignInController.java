package io.secureconnect.auth.passkey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.login.LoginResult;
import io.secureconnect.auth.session.SessionOrigin;
import io.secureconnect.common.text.Storable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** Signing in with a passkey and no password: {@code /api/v1/auth/passkey/options}, then {@code /login} (public). */
@RestController
class PasskeySignInController {

    private final PasskeyLogin login;

    PasskeySignInController(PasskeyLogin login) {
        this.login = login;
    }

    /** {@code credential} is the browser's {@code PublicKeyCredential.toJSON()} of {@code navigator.credentials.get}. */
    record PasskeyLoginRequest(@NotBlank @Size(max = 64) String requestId, @NotNull JsonNode credential,
                               @Size(max = 100) @Storable String deviceName) {
    }

    @PostMapping("/api/v1/auth/passkey/options")
    PasskeyLogin.Started options() {
        return login.start();
    }

    @PostMapping("/api/v1/auth/passkey/login")
    LoginResult logIn(@Valid @RequestBody PasskeyLoginRequest request, HttpServletRequest http) {
        return login.logIn(request.requestId(), request.credential(),
                new SessionOrigin(request.deviceName(), http.getHeader("User-Agent"), http.getRemoteAddr()));
    }
}
