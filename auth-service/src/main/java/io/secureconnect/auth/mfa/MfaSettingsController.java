package io.secureconnect.auth.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's own second factors: {@code /api/v1/users/me/mfa/**} (docs/identity.md, TOTP). */
@RestController
class MfaSettingsController {

    private final TotpEnrolment enrolment;

    MfaSettingsController(TotpEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    record Confirmation(@NotBlank @Size(max = 32) String code) {
    }

    /** The password and a code (TOTP or recovery): what changing a second factor costs. */
    record Proof(@NotNull @Size(max = 128) String password, @NotBlank @Size(max = 32) String code) {
    }

    @GetMapping("/api/v1/users/me/mfa")
    TotpEnrolment.Status status(Caller caller) {
        return enrolment.status(caller.userId());
    }

    /** The password, asked only when the account already has a second factor (the first enrolment has no body). */
    record Enrol(@Size(max = 128) String password) {
    }

    @PostMapping("/api/v1/users/me/mfa/totp")
    TotpEnrolment.Enrolment enrol(@Valid @RequestBody(required = false) Enrol request, Caller caller,
                                  HttpServletRequest http) {
        return enrolment.start(caller.userId(), request == null ? null : request.password(), http.getRemoteAddr());
    }

    @PostMapping("/api/v1/users/me/mfa/totp/confirm")
    TotpEnrolment.RecoveryCodeSet confirm(@Valid @RequestBody Confirmation request, Caller caller) {
        return enrolment.confirm(caller.userId(), request.code());
    }

    @PostMapping("/api/v1/users/me/mfa/recovery-codes")
    TotpEnrolment.RecoveryCodeSet newRecoveryCodes(@Valid @RequestBody Proof request, Caller caller,
                                                   HttpServletRequest http) {
        return enrolment.newRecoveryCodes(caller.userId(), request.password(), request.code(), http.getRemoteAddr());
    }

    @DeleteMapping("/api/v1/users/me/mfa/totp")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disable(@Valid @RequestBody Proof request, Caller caller, HttpServletRequest http) {
        enrolment.disable(caller.userId(), request.password(), request.code(), http.getRemoteAddr());
    }
}
