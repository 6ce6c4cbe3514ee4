package io.secureconnect.auth.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.user.UserProfile;
import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An account's life: registration, email verification (and a new link), and deletion. */
@RestController
class AccountController {

    private final Registration registration;
    private final EmailVerification verification;
    private final AccountDeletion deletion;

    AccountController(Registration registration, EmailVerification verification, AccountDeletion deletion) {
        this.registration = registration;
        this.verification = verification;
        this.deletion = deletion;
    }

    record VerifyRequest(@NotBlank @Size(max = 256) String token) {
    }

    record ResendRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    record DeletionRequest(@NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String password) {
    }

    @PostMapping("/api/v1/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserProfile register(@Valid @RequestBody RegisterRequest request) {
        return registration.register(request);
    }

    @PostMapping("/api/v1/auth/verify-email")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void verify(@Valid @RequestBody VerifyRequest request) {
        verification.verify(request.token());
    }

    /** Always 202: whether the address has an account, and whether it is verified, is decided off the request. */
    @PostMapping("/api/v1/auth/verify-email/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(@Valid @RequestBody ResendRequest request) {
        verification.resend(request.email());
    }

    @DeleteMapping("/api/v1/users/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Valid @RequestBody DeletionRequest request, Caller caller, HttpServletRequest http) {
        deletion.delete(caller.userId(), request.password(), http.getRemoteAddr());
    }
}
