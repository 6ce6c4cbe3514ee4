package io.secureconnect.auth.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.user.UserProfile;
import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An account's life: registration, email verification (and a new link), and deletion. */
@RestController
@Tag(name = AccountController.TAG, description = AccountController.TAG_DESCRIPTION)
class AccountController {

    /** The feature this controller and {@link CredentialController} share in the API description. */
    static final String TAG = "Accounts";
    static final String TAG_DESCRIPTION = "Registration and email verification, password reset, password and email"
            + " changes, and deleting one's account.";

    private final Registration registration;
    private final EmailVerification verification;
    private final AccountDeletion deletion;

    AccountController(Registration registration, EmailVerification verification, AccountDeletion deletion) {
        this.registration = registration;
        this.verification = verification;
        this.deletion = deletion;
    }

    /** Named in the description apart from the second factor's {@code VerifyRequest} (mfa), which would replace it. */
    @Schema(name = "EmailVerificationRequest")
    record VerifyRequest(@Schema(description = "The token of the link in the email",
            example = "gdE3GOKGBHB819G9ya8pIqG2bI6d4_FfumiRO9lIwIA") @NotBlank @Size(max = 256) String token) {
    }

    @Schema(name = "VerificationResendRequest")
    record ResendRequest(@Schema(example = "ann@example.com") @NotBlank @Email @Size(max = 254) String email) {
    }

    @Schema(name = "AccountDeletionRequest")
    record DeletionRequest(@Schema(description = "The account's current password", format = "password",
            example = "correct-horse-battery-staple") @NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String password) {
    }

    @Operation(operationId = "registerAccount", summary = "Register an account",
            description = "Creates an unverified account and mails a verification link to its address. The password"
                    + " must be 12 to 128 characters and hard to guess (`AUTH_WEAK_PASSWORD` otherwise); an address"
                    + " of a domain that signs in with single sign-on is refused with `AUTH_SSO_REQUIRED`.")
    @ApiErrors({"AUTH_EMAIL_TAKEN", "AUTH_WEAK_PASSWORD", "AUTH_SSO_REQUIRED", "AUTH_BUSY"})
    @PostMapping("/api/v1/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserProfile register(@Valid @RequestBody RegisterRequest request) {
        return registration.register(request);
    }

    @Operation(operationId = "verifyEmail", summary = "Confirm an email address",
            description = "Redeems the single-use link mailed at registration or after an email change; an email"
                    + " change takes effect only now, unless another account has taken the address meanwhile"
                    + " (`AUTH_EMAIL_TAKEN`).")
    @ApiErrors({"AUTH_INVALID_TOKEN", "AUTH_EMAIL_TAKEN"})
    @PostMapping("/api/v1/auth/verify-email")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void verify(@Valid @RequestBody VerifyRequest request) {
        verification.verify(request.token());
    }

    /** Always 202: whether the address has an account, and whether it is verified, is decided off the request. */
    @Operation(operationId = "resendVerificationEmail", summary = "Send a new verification link",
            description = "Always answers 202, so the answer does not tell whether the address has an account or"
                    + " whether it is already verified; a link is mailed only to an unverified account.")
    @ApiErrors({})
    @PostMapping("/api/v1/auth/verify-email/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(@Valid @RequestBody ResendRequest request) {
        verification.resend(request.email());
    }

    @Operation(operationId = "deleteMyAccount", summary = "Delete your account",
            description = "Confirmed with the password, under the same lockout as logins. Every session ends, personal"
                    + " data and second factors are erased, and the account can never sign in again; conversations"
                    + " keep a \"Deleted user\".")
    @ApiErrors({"AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_BUSY", "NOT_FOUND"})
    @DeleteMapping("/api/v1/users/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Valid @RequestBody DeletionRequest request, Caller caller, HttpServletRequest http) {
        deletion.delete(caller.userId(), request.password(), http.getRemoteAddr());
    }
}
