package io.secureconnect.auth.passkey;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = PasskeyController.TAG, description = PasskeyController.TAG_DESCRIPTION)
class PasskeyController {

    /** The tag of the passkey operations (managing one's own, and signing in with one). */
    static final String TAG = "Passkeys";
    static final String TAG_DESCRIPTION = "WebAuthn passkeys: adding, listing, renaming and removing one's own, and"
            + " signing in with one and no password.";
    /** What a browser sends for an attestation (shortened values), for the API description. */
    static final String ATTESTATION_EXAMPLE = "{\"id\":\"pJ2s3k0QmVq4yG8bR1xZ7w\",\"rawId\":\"pJ2s3k0QmVq4yG8bR1xZ7w\","
            + "\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"response\":{"
            + "\"clientDataJSON\":\"eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0\","
            + "\"attestationObject\":\"o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVjF\","
            + "\"transports\":[\"internal\",\"hybrid\"]},\"clientExtensionResults\":{}}";

    private final PasskeyRegistration registration;
    private final Passkeys passkeys;

    PasskeyController(PasskeyRegistration registration, Passkeys passkeys) {
        this.registration = registration;
        this.passkeys = passkeys;
    }

    /** {@code credential} is the browser's {@code PublicKeyCredential.toJSON()} of {@code navigator.credentials.create}. */
    @Schema(name = "PasskeyRegistrationRequest")
    record RegisterRequest(@Schema(description = "From `startPasskeyRegistration`",
                                   example = "9b2e7c41-0d3a-4f6e-8c15-6a4f2e9d1b70")
                           @NotBlank @Size(max = 64) String registrationId,
                           @Schema(description = "A name to tell this passkey by, 1 to 64 characters",
                                   example = "Ann's laptop")
                           @NotBlank @Size(max = 64) @Storable String name,
                           @Schema(implementation = Object.class, types = "object",
                                   description = "The browser's `PublicKeyCredential.toJSON()` of"
                                           + " `navigator.credentials.create`", example = ATTESTATION_EXAMPLE)
                           @NotNull JsonNode credential) {
    }

    /** The account's password (at most 128 characters, as the password policy); an account without one sends none. */
    @Schema(name = "PasskeyRegistrationOptionsRequest")
    record OptionsRequest(@Schema(description = "The account's password; an account without one sends none",
                                  example = "correct horse battery staple", nullable = true)
                          @Size(max = 128) String password) {
    }

    @Schema(name = "PasskeyRename")
    record RenameRequest(@Schema(description = "1 to 64 characters", example = "Work phone")
                         @NotBlank @Size(max = 64) @Storable String name) {
    }

    @Schema(name = "PasskeyList")
    record PasskeyList(List<Passkey> items) {
    }

    @Operation(operationId = "startPasskeyRegistration", summary = "Start adding a passkey",
            description = "The `PublicKeyCredentialCreationOptions` to pass to `navigator.credentials.create`, and"
                    + " the `registrationId` to send back with its result (5 minutes, single use). Needs a verified"
                    + " email and the account's password (under the login lockout); an account without a password"
                    + " needs a session opened in the last 10 minutes instead.")
    @ApiErrors({"PASSKEY_EMAIL_UNVERIFIED", "AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_BUSY",
            "PASSKEY_REAUTHENTICATE", "NOT_FOUND"})
    @PostMapping("/api/v1/users/me/passkeys/options")
    PasskeyRegistration.Started options(@Valid @RequestBody(required = false) OptionsRequest request, Caller caller,
                                        HttpServletRequest http) {
        return registration.start(caller.userId(), caller.sessionId(), request == null ? null : request.password(),
                http.getRemoteAddr());
    }

    @Operation(operationId = "registerPasskey", summary = "Add a passkey",
            description = "Checks the browser's attestation against the registration's challenge, origin and"
                    + " relying party, then keeps the passkey under its name. The user is mailed that a passkey was"
                    + " added.")
    @ApiResponse(responseCode = "201", description = "The passkey was added")
    @ApiErrors({"PASSKEY_EMAIL_UNVERIFIED", "PASSKEY_INVALID_REQUEST", "NOT_FOUND"})
    @PostMapping("/api/v1/users/me/passkeys")
    @ResponseStatus(HttpStatus.CREATED)
    Passkey register(@Valid @RequestBody RegisterRequest request, Caller caller) {
        return registration.finish(caller.userId(), request.registrationId(), request.name().strip(),
                request.credential());
    }

    @Operation(operationId = "listPasskeys", summary = "Your passkeys")
    @ApiErrors({})
    @GetMapping("/api/v1/users/me/passkeys")
    PasskeyList list(Caller caller) {
        return new PasskeyList(passkeys.of(caller.userId()));
    }

    @Operation(operationId = "renamePasskey", summary = "Rename one of your passkeys",
            description = "Someone else's passkey answers as not found.")
    @ApiErrors("NOT_FOUND")
    @PatchMapping("/api/v1/users/me/passkeys/{id}")
    Passkey rename(@PathVariable UUID id, @Valid @RequestBody RenameRequest request, Caller caller) {
        return passkeys.rename(caller.userId(), id, request.name().strip());
    }

    @Operation(operationId = "deletePasskey", summary = "Remove one of your passkeys",
            description = "Someone else's passkey answers as not found.")
    @ApiResponse(responseCode = "204", description = "The passkey was removed")
    @ApiErrors("NOT_FOUND")
    @DeleteMapping("/api/v1/users/me/passkeys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        passkeys.delete(caller.userId(), id);
    }
}
