package io.secureconnect.auth.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The routes of {@link CredentialChanges}: password reset by email, password change and email change. */
@RestController
@Tag(name = AccountController.TAG, description = AccountController.TAG_DESCRIPTION)
class CredentialController {

    private final CredentialChanges changes;

    CredentialController(CredentialChanges changes) {
        this.changes = changes;
    }

    @Schema(name = "PasswordResetRequest")
    record ResetRequest(@Schema(example = "ann@example.com") @NotBlank @Email @Size(max = 254) String email) {
    }

    @Schema(name = "PasswordResetConfirmation")
    record ResetConfirmation(@Schema(description = "The token of the link in the email",
                                     example = "VV3K_fYGwkqm-gqAyOwSHqg04IY5XucMP27ijkScIdw")
                             @NotBlank @Size(max = 256) String token,
                             @Schema(description = "12 to 128 characters, hard to guess", format = "password",
                                     example = "violet-harbour-71-quilt")
                             @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String newPassword) {
    }

    record PasswordChange(@Schema(format = "password", example = "correct-horse-battery-staple")
                          @NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String currentPassword,
                          @Schema(description = "12 to 128 characters, hard to guess", format = "password",
                                  example = "violet-harbour-71-quilt")
                          @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH)
                          String newPassword) {
    }

    record EmailChange(@Schema(example = "ann.lee@example.org")
                       @NotBlank @Email @Size(max = 254) @Storable String newEmail,
                       @Schema(description = "The account's current password", format = "password",
                               example = "correct-horse-battery-staple")
                       @NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String password) {
    }

    /** Always 202, whether or not the email has an account. */
    @Operation(operationId = "requestPasswordReset", summary = "Ask for a password reset link",
            description = "Always answers 202, so the answer does not tell whether the address has an account; a"
                    + " single-use link is mailed only to an account's address.")
    @ApiErrors({})
    @PostMapping("/api/v1/auth/password-reset/request")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody ResetRequest request) {
        changes.requestReset(request.email());
    }

    @Operation(operationId = "confirmPasswordReset", summary = "Set a new password with a reset link",
            description = "Redeems the link's token and sets the new password; every session of the account ends.")
    @ApiErrors({"AUTH_INVALID_TOKEN", "AUTH_WEAK_PASSWORD", "AUTH_BUSY"})
    @PostMapping("/api/v1/auth/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmReset(@Valid @RequestBody ResetConfirmation request) {
        changes.confirmReset(request.token(), request.newPassword());
    }

    @Operation(operationId = "changeMyPassword", summary = "Change your password",
            description = "Confirmed with the current password, under the same lockout as logins. Every session"
                    + " ends, this one included: sign in again with the new password.")
    @ApiErrors({"AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_WEAK_PASSWORD", "AUTH_BUSY"})
    @PostMapping("/api/v1/users/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(@Valid @RequestBody PasswordChange request, Caller caller, HttpServletRequest http) {
        changes.changePassword(caller.userId(), request.currentPassword(), request.newPassword(),
                http.getRemoteAddr());
    }

    /** Always 202, so the answer does not tell whether the new address has an account. */
    @Operation(operationId = "changeMyEmail", summary = "Change your email address",
            description = "Confirmed with the password. A link goes to the new address and the account moves there"
                    + " only when it is opened (`verifyEmail`). Always 202 once the password is right, so the"
                    + " answer does not tell whether the new address has an account.")
    @ApiErrors({"AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_BUSY"})
    @PostMapping("/api/v1/users/me/email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void changeEmail(@Valid @RequestBody EmailChange request, Caller caller, HttpServletRequest http) {
        changes.changeEmail(caller.userId(), request.newEmail(), request.password(),
                http.getRemoteAddr());
    }
}
