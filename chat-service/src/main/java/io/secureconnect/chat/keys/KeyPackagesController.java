package io.secureconnect.chat.keys;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Uploading and claiming KeyPackages ({@code /api/v1/keys}, docs/e2ee.md "KeyPackages"). */
@RestController
@Validated
@Tag(name = E2eeApiTag.NAME, description = E2eeApiTag.DESCRIPTION)
class KeyPackagesController {

    /** Far more than a KeyPackage with our credential needs (well under 2 KB), far less than a flood. */
    private static final int MAX_KEY_PACKAGE = 8192;

    /** A few hundred members with a device or two each, as many as a claim by users could hand out (100 users). */
    private static final int MAX_CLAIMED_DEVICES = 500;

    private static final String KEY_PACKAGE = "AAEABQABAAEg...";
    private static final String USER_ID = "0193a5b8-2d3e-7f40-8b5c-6d7e8f9a0b12";
    private static final String DEVICE_ID = "3c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f";

    private final KeyPackages keyPackages;

    KeyPackagesController(KeyPackages keyPackages) {
        this.keyPackages = keyPackages;
    }

    @Schema(name = "KeyPackageUpload")
    record UploadRequest(
            @Schema(example = "[\"" + KEY_PACKAGE + "\"]", description = "1 to 100 base64 `MLSMessage`s of wire "
                    + "format `mls_key_package`, cipher suite 1, made by this device for itself")
            @NotNull @Size(min = 1, max = 100)
            List<@NotNull @Size(max = MAX_KEY_PACKAGE) @Pattern(regexp = Base64Field.PATTERN) String> keyPackages,
            @Schema(example = KEY_PACKAGE, description = "A new last-resort KeyPackage, handed out (and kept) when "
                    + "the device has no other left; replaces the previous one")
            @Size(max = MAX_KEY_PACKAGE) @Pattern(regexp = Base64Field.PATTERN) String lastResort) {
    }

    /**
     * {@code devices}: exactly these devices (what a client reconciling a group wants: its pending devices);
     * {@code userIds}: every current device of these users. One of the two, not both.
     */
    @Schema(name = "KeyPackageClaimRequest", description = "Name either `devices` or `userIds`, not both.")
    record ClaimRequest(
            @Schema(example = "0193a5c2-6b1e-7d4a-8f3c-2e9b7a1d4c50", description = "The e2ee conversation whose "
                    + "group the devices are added to")
            @NotNull UUID conversationId,
            @Schema(example = "[\"" + USER_ID + "\"]", description = "Every current device of these users")
            @Size(min = 1, max = 100) List<@NotNull UUID> userIds,
            @Schema(description = "Exactly these devices (a reconciling client names the group's `pendingDevices`)")
            @Size(min = 1, max = MAX_CLAIMED_DEVICES) List<@NotNull @Valid WantedDevice> devices,
            @Schema(example = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b", description = "The caller's requesting "
                    + "device, left out of the claim")
            @Pattern(regexp = MlsDevicesController.DEVICE_ID) String deviceId) {
    }

    @Schema(name = "WantedDevice")
    record WantedDevice(@Schema(example = USER_ID) @NotNull UUID userId,
                        @Schema(example = DEVICE_ID)
                        @NotNull @Pattern(regexp = MlsDevicesController.DEVICE_ID) String deviceId) {
    }

    @Schema(name = "ClaimedKeyPackage")
    record ClaimedBody(@Schema(example = USER_ID) UUID userId,
                       @Schema(example = DEVICE_ID) String deviceId,
                       @Schema(example = KEY_PACKAGE, description = "The base64 `MLSMessage` as the device uploaded it")
                       String keyPackage,
                       @Schema(example = "false", description = "The device's last-resort package: it had no other "
                               + "left") boolean lastResort) {
    }

    @Schema(name = "KeyPackageStock")
    record Stock(@Schema(example = "100", description = "The device's one-time KeyPackages now available")
                 int available) {
    }

    @Schema(name = "ClaimedKeyPackages")
    record ClaimedList(@Schema(description = "At most one per device; none for a device without packages")
                       List<ClaimedBody> keyPackages) {
    }

    @Operation(operationId = "uploadKeyPackages", summary = "Upload KeyPackages of your device",
            description = "Each must be a KeyPackage of this device: its leaf's signature key is the device's and "
                    + "its credential identity the device's credential (`INVALID_KEY_PACKAGE`; a blob that is no "
                    + "MLSMessage: `INVALID_MLS_MESSAGE`). A device holds at most 500 by default (`CONFLICT`). The "
                    + "device's first upload announces it to its owner's peers (`keys.changed` `added`).")
    @ApiErrors({"DEVICE_NOT_FOUND", "INVALID_KEY_PACKAGE", "INVALID_MLS_MESSAGE", "CONFLICT"})
    @PostMapping("/api/v1/keys/devices/{deviceId}/key-packages")
    Stock upload(@Parameter(example = "b6f1c2d4-3e5a-4f70-9a8b-1c2d3e4f5a6b")
                 @PathVariable @Pattern(regexp = MlsDevicesController.DEVICE_ID) String deviceId,
                 @Valid @RequestBody UploadRequest request, Caller caller) {
        List<byte[]> oneTime = request.keyPackages().stream().map(value -> Base64Field.decode("keyPackages", value)).toList();
        byte[] lastResort = request.lastResort() == null ? null : Base64Field.decode("lastResort", request.lastResort());
        return new Stock(keyPackages.upload(caller, deviceId, oneTime, lastResort));
    }

    /**
     * One KeyPackage of each device named (or of each current device of the users), each handed out once (a
     * last-resort one when none is left).
     */
    @Operation(operationId = "claimKeyPackages", summary = "Claim KeyPackages to add devices to a group",
            description = "One KeyPackage of each device named (or of each current device of the users), each "
                    + "handed out once; a device with none left hands out its last-resort one. Every user must be a "
                    + "member of the e2ee conversation (`NOT_FOUND`), with no block with the caller either way "
                    + "(`USER_BLOCKED`; auth-service is asked, `PEER_UNAVAILABLE` without its answer). By default at "
                    + "most 30 claims an hour per pair of users: then 429 `RATE_LIMITED` with `Retry-After`.")
    @ApiErrors({"CONVERSATION_NOT_FOUND", "NOT_E2EE", "NOT_FOUND", "USER_BLOCKED", "PEER_UNAVAILABLE"})
    @PostMapping("/api/v1/keys/key-packages/claim")
    ClaimedList claim(@Valid @RequestBody ClaimRequest request, Caller caller) {
        if ((request.devices() == null) == (request.userIds() == null)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Name either devices or userIds.");
        }
        var claimed = request.devices() != null
                ? keyPackages.claimForDevices(caller, request.conversationId(), request.devices().stream()
                        .map(device -> new KeyPackages.WantedDevice(device.userId(), device.deviceId())).toList(),
                        request.deviceId())
                : keyPackages.claimForUsers(caller, request.conversationId(), request.userIds(), request.deviceId());
        return new ClaimedList(claimed.stream().map(one -> new ClaimedBody(one.userId(), one.deviceId(),
                Base64.getEncoder().encodeToString(one.keyPackage()), one.lastResort())).toList());
    }
}
