package io.secureconnect.chat.keys;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** MLS devices and the credential issuer's keys ({@code /api/v1/keys}, docs/e2ee.md "Devices and credentials"). */
@RestController
@Validated
class MlsDevicesController {

    static final String DEVICE_ID = "[A-Za-z0-9._:-]{1,64}";

    private final DeviceRegistry devices;
    private final CredentialIssuer issuer;

    MlsDevicesController(DeviceRegistry devices, CredentialIssuer issuer) {
        this.devices = devices;
        this.issuer = issuer;
    }

    record RegisterRequest(@NotNull @Size(max = 64) @Pattern(regexp = Base64Field.PATTERN) String signatureKey) {
    }

    /** Registers the caller's device (or returns it, registered with this key before) with its credential. */
    @PutMapping("/api/v1/keys/devices/{deviceId}")
    MlsDevice register(@PathVariable @Pattern(regexp = DEVICE_ID) String deviceId,
                       @Valid @RequestBody RegisterRequest request, Caller caller) {
        return devices.register(caller, deviceId, Base64Field.decode("signatureKey", request.signatureKey(), 32));
    }

    /** The caller's devices, so a user sees (and can remove) every device others encrypt to. */
    @GetMapping("/api/v1/keys/devices")
    Map<String, List<OwnDevice>> mine(Caller caller) {
        return Map.of("items", devices.mine(caller));
    }

    @GetMapping("/api/v1/keys/devices/{deviceId}")
    OwnDevice mine(@PathVariable @Pattern(regexp = DEVICE_ID) String deviceId, Caller caller) {
        return devices.mine(caller, deviceId);
    }

    /** Removes one of the caller's devices; peers hear {@code keys.changed}. */
    @DeleteMapping("/api/v1/keys/devices/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable @Pattern(regexp = DEVICE_ID) String deviceId, Caller caller) {
        devices.remove(caller, deviceId);
    }

    /** A user's devices: only for the user and for peers who share a conversation with them without a block. */
    @GetMapping("/api/v1/keys/users/{userId}")
    Map<String, List<MlsDevice>> of(@PathVariable UUID userId, Caller caller) {
        return Map.of("devices", devices.of(caller, userId));
    }

    /** The JWKS that device credentials verify against. */
    @GetMapping("/api/v1/keys/credential-issuer")
    Map<String, Object> credentialIssuer() {
        return issuer.publicKeys();
    }
}
