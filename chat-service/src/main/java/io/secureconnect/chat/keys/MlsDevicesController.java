package io.secureconnect.chat.keys;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = E2eeApiTag.NAME, description = E2eeApiTag.DESCRIPTION)
class MlsDevicesController {

    static final String DEVICE_ID = "[A-Za-z0-9._:-]{1,64}";

    private static final String DEVICE_EXAMPLE = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b";

    private final DeviceRegistry devices;
    private final CredentialIssuer issuer;

    MlsDevicesController(DeviceRegistry devices, CredentialIssuer issuer) {
        this.devices = devices;
        this.issuer = issuer;
    }

    @Schema(name = "MlsDeviceRegistration")
    record RegisterRequest(
            @Schema(example = "Vx2kq7nJcO3mYl0rQ5bTzA8eF4hG6iK9uLwM1pN2sR0=", description = "The device's Ed25519 "
                    + "signature public key, 32 bytes in base64; it never changes (a new key is a new device)")
            @NotNull @Size(max = 64) @Pattern(regexp = Base64Field.PATTERN) String signatureKey) {
    }

    @Schema(name = "OwnMlsDeviceList")
    record OwnDeviceList(List<OwnDevice> items) {
    }

    @Schema(name = "MlsDeviceList")
    record DeviceList(List<MlsDevice> devices) {
    }

    /** Registers the caller's device (or returns it, registered with this key before) with its credential. */
    @Operation(operationId = "registerMlsDevice", summary = "Register your MLS device and get its credential",
            description = "Registering again with the same key returns the device as it is (a retry, or the same "
                    + "browser signing in again); another key for an existing device is `DEVICE_KEY_MISMATCH`. The "
                    + "device belongs to the caller's session and goes when it ends. At most 50 devices per user by "
                    + "default (`CONFLICT`).")
    @ApiErrors({"DEVICE_KEY_MISMATCH", "CONFLICT"})
    @PutMapping("/api/v1/keys/devices/{deviceId}")
    MlsDevice register(@Parameter(example = DEVICE_EXAMPLE) @PathVariable @Pattern(regexp = DEVICE_ID) String deviceId,
                       @Valid @RequestBody RegisterRequest request, Caller caller) {
        return devices.register(caller, deviceId, Base64Field.decode("signatureKey", request.signatureKey(), 32));
    }

    /** The caller's devices, so a user sees (and can remove) every device others encrypt to. */
    @Operation(operationId = "listMlsDevices", summary = "List your MLS devices",
            description = "Every device others encrypt to, with how many KeyPackages each has left.")
    @ApiErrors({})
    @GetMapping("/api/v1/keys/devices")
    OwnDeviceList mine(Caller caller) {
        return new OwnDeviceList(devices.mine(caller));
    }

    @Operation(operationId = "getMlsDevice", summary = "Get one of your MLS devices")
    @ApiErrors("DEVICE_NOT_FOUND")
    @GetMapping("/api/v1/keys/devices/{deviceId}")
    OwnDevice mine(@Parameter(example = DEVICE_EXAMPLE) @PathVariable @Pattern(regexp = DEVICE_ID) String deviceId,
                   Caller caller) {
        return devices.mine(caller, deviceId);
    }

    /** Removes one of the caller's devices; peers hear {@code keys.changed}. */
    @Operation(operationId = "deleteMlsDevice", summary = "Remove one of your MLS devices",
            description = "Its KeyPackages and Welcomes go with it; everyone sharing a conversation with the caller "
                    + "hears `keys.changed` `removed`, and its leaves become stale leaves for the next commit to "
                    + "remove.")
    @ApiErrors("DEVICE_NOT_FOUND")
    @DeleteMapping("/api/v1/keys/devices/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@Parameter(example = DEVICE_EXAMPLE) @PathVariable @Pattern(regexp = DEVICE_ID) String deviceId,
                Caller caller) {
        devices.remove(caller, deviceId);
    }

    /** A user's devices: only for the user and for peers who share a conversation with them without a block. */
    @Operation(operationId = "listUserMlsDevices", summary = "List a user's MLS devices",
            description = "For the user and for those who share a conversation with them without a block either "
                    + "way; anyone else gets `NOT_FOUND`. auth-service is asked about blocks, and without its answer "
                    + "the call is refused (`PEER_UNAVAILABLE`).")
    @ApiErrors({"NOT_FOUND", "PEER_UNAVAILABLE"})
    @GetMapping("/api/v1/keys/users/{userId}")
    DeviceList of(@PathVariable UUID userId, Caller caller) {
        return new DeviceList(devices.of(caller, userId));
    }

    /** The JWKS that device credentials verify against. */
    @Operation(operationId = "getCredentialIssuerKeys", summary = "The keys device credentials are signed with",
            description = "A JWKS (RFC 7517) of ES256 keys: the active one and any retired one whose credentials "
                    + "are still out. A client accepts a leaf only when its credential verifies against it.")
    @ApiErrors({})
    @GetMapping("/api/v1/keys/credential-issuer")
    Map<String, Object> credentialIssuer() {
        return issuer.publicKeys();
    }
}
