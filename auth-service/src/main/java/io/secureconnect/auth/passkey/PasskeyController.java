package io.secureconnect.auth.passkey;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** {@code /api/v1/users/me/passkeys}: adding a passkey (options, then the browser's result), the list, rename, delete. */
@RestController
class PasskeyController {

    private final PasskeyRegistration registration;
    private final Passkeys passkeys;

    PasskeyController(PasskeyRegistration registration, Passkeys passkeys) {
        this.registration = registration;
        this.passkeys = passkeys;
    }

    /** {@code credential} is the browser's {@code PublicKeyCredential.toJSON()} of {@code navigator.credentials.create}. */
    record RegisterRequest(@NotBlank @Size(max = 64) String registrationId,
                           @NotBlank @Size(max = 64) @Storable String name,
                           @NotNull JsonNode credential) {
    }

    /** The account's password (at most 128 characters, as the password policy); an account without one sends none. */
    record OptionsRequest(@Size(max = 128) String password) {
    }

    record RenameRequest(@NotBlank @Size(max = 64) @Storable String name) {
    }

    @PostMapping("/api/v1/users/me/passkeys/options")
    PasskeyRegistration.Started options(@Valid @RequestBody(required = false) OptionsRequest request, Caller caller,
                                        HttpServletRequest http) {
        return registration.start(caller.userId(), caller.sessionId(), request == null ? null : request.password(),
                http.getRemoteAddr());
    }

    @PostMapping("/api/v1/users/me/passkeys")
    @ResponseStatus(HttpStatus.CREATED)
    Passkey register(@Valid @RequestBody RegisterRequest request, Caller caller) {
        return registration.finish(caller.userId(), request.registrationId(), request.name().strip(),
                request.credential());
    }

    @GetMapping("/api/v1/users/me/passkeys")
    Map<String, List<Passkey>> list(Caller caller) {
        return Map.of("items", passkeys.of(caller.userId()));
    }

    @PatchMapping("/api/v1/users/me/passkeys/{id}")
    Passkey rename(@PathVariable UUID id, @Valid @RequestBody RenameRequest request, Caller caller) {
        return passkeys.rename(caller.userId(), id, request.name().strip());
    }

    @DeleteMapping("/api/v1/users/me/passkeys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        passkeys.delete(caller.userId(), id);
    }
}
