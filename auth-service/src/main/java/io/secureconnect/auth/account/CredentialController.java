package io.secureconnect.auth.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;
import io.secureconnect.common.text.Storable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The routes of {@link CredentialChanges}: password reset by email, password change and email change. */
@RestController
class CredentialController {

    private final CredentialChanges changes;

    CredentialController(CredentialChanges changes) {
        this.changes = changes;
    }

    record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    record ResetConfirmation(@NotBlank @Size(max = 256) String token,
                             @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String newPassword) {
    }

    record PasswordChange(@NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String currentPassword,
                          @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String newPassword) {
    }

    record EmailChange(@NotBlank @Email @Size(max = 254) @Storable String newEmail,
                       @NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String password) {
    }

    /** Always 202, whether or not the email has an account. */
    @PostMapping("/api/v1/auth/password-reset/request")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody ResetRequest request) {
        changes.requestReset(request.email());
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmReset(@Valid @RequestBody ResetConfirmation request) {
        changes.confirmReset(request.token(), request.newPassword());
    }

    @PostMapping("/api/v1/users/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(@Valid @RequestBody PasswordChange request, Caller caller, HttpServletRequest http) {
        changes.changePassword(caller.userId(), request.currentPassword(), request.newPassword(),
                http.getRemoteAddr());
    }

    /** Always 202, so the answer does not tell whether the new address has an account. */
    @PostMapping("/api/v1/users/me/email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void changeEmail(@Valid @RequestBody EmailChange request, Caller caller, HttpServletRequest http) {
        changes.changeEmail(caller.userId(), request.newEmail(), request.password(),
                http.getRemoteAddr());
    }
}
