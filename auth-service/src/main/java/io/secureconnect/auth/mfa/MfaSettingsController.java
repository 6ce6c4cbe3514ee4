package io.secureconnect.auth.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's own second factors: {@code /api/v1/users/me/mfa/**} (docs/identity.md, TOTP). */
@RestController
@Tag(name = MfaController.TAG, description = MfaController.TAG_DESCRIPTION)
class MfaSettingsController {

    private final TotpEnrolment enrolment;

    MfaSettingsController(TotpEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    @Schema(name = "TotpConfirmation")
    record Confirmation(@Schema(description = "The 6-digit code the authenticator app shows", example = "492039")
                        @NotBlank @Size(max = 32) String code) {
    }

    /** The password and a code (TOTP or recovery): what changing a second factor costs. */
    @Schema(name = "SecondFactorProof")
    record Proof(@Schema(example = "correct horse battery staple") @NotNull @Size(max = 128) String password,
                 @Schema(description = "A 6-digit TOTP code or a recovery code (`xxxxx-xxxxx`)", example = "492039")
                 @NotBlank @Size(max = 32) String code) {
    }

    @Operation(operationId = "getSecondFactorStatus", summary = "Your second factors",
            description = "Whether TOTP is on, how many recovery codes and passkeys are left, and whether policy"
                    + " requires a second factor of this account.")
    @ApiErrors({})
    @GetMapping("/api/v1/users/me/mfa")
    TotpEnrolment.Status status(Caller caller) {
        return enrolment.status(caller.userId());
    }

    /** The password, asked only when the account already has a second factor (the first enrolment has no body). */
    @Schema(name = "TotpEnrolmentRequest")
    record Enrol(@Schema(example = "correct horse battery staple", nullable = true) @Size(max = 128) String password) {
    }

    @Operation(operationId = "startTotpEnrolment", summary = "Start turning on TOTP",
            description = "A new secret and its `otpauth://` address (for a QR code), inactive until"
                    + " `confirmTotpEnrolment`; starting again replaces an unconfirmed secret. The email must be"
                    + " verified. No body is needed, except `{password}` when the account already has a second factor"
                    + " (a passkey); a wrong one counts toward the login lockout.")
    @ApiErrors({"MFA_EMAIL_UNVERIFIED", "MFA_ALREADY_ENABLED", "AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_BUSY"})
    @PostMapping("/api/v1/users/me/mfa/totp")
    TotpEnrolment.Enrolment enrol(@Valid @RequestBody(required = false) Enrol request, Caller caller,
                                  HttpServletRequest http) {
        return enrolment.start(caller.userId(), request == null ? null : request.password(), http.getRemoteAddr());
    }

    @Operation(operationId = "confirmTotpEnrolment", summary = "Turn on TOTP with a first code",
            description = "TOTP is on from now; the answer holds 10 recovery codes, shown this once. The user is"
                    + " mailed that two-step sign-in was turned on.")
    @ApiErrors({"MFA_NOT_STARTED", "MFA_ALREADY_ENABLED", "MFA_CODE_INVALID"})
    @PostMapping("/api/v1/users/me/mfa/totp/confirm")
    TotpEnrolment.RecoveryCodeSet confirm(@Valid @RequestBody Confirmation request, Caller caller) {
        return enrolment.confirm(caller.userId(), request.code());
    }

    @Operation(operationId = "renewRecoveryCodes", summary = "Replace your recovery codes",
            description = "A new set of 10 recovery codes, shown this once; the old ones stop working. The password"
                    + " counts toward the login lockout, the code toward the second-factor lockout.")
    @ApiErrors({"AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_BUSY", "MFA_NOT_ENABLED", "MFA_CODE_INVALID",
            "MFA_CODE_REPLAYED", "MFA_LOCKED"})
    @PostMapping("/api/v1/users/me/mfa/recovery-codes")
    TotpEnrolment.RecoveryCodeSet newRecoveryCodes(@Valid @RequestBody Proof request, Caller caller,
                                                   HttpServletRequest http) {
        return enrolment.newRecoveryCodes(caller.userId(), request.password(), request.code(), http.getRemoteAddr());
    }

    @Operation(operationId = "disableTotp", summary = "Turn off TOTP",
            description = "Removes the TOTP secret and the recovery codes. The password counts toward the login"
                    + " lockout, the code (TOTP or recovery) toward the second-factor lockout.")
    @ApiErrors({"AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_BUSY", "MFA_NOT_ENABLED", "MFA_CODE_INVALID",
            "MFA_CODE_REPLAYED", "MFA_LOCKED"})
    @DeleteMapping("/api/v1/users/me/mfa/totp")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disable(@Valid @RequestBody Proof request, Caller caller, HttpServletRequest http) {
        enrolment.disable(caller.userId(), request.password(), request.code(), http.getRemoteAddr());
    }
}
