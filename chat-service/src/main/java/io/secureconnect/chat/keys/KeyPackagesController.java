package io.secureconnect.chat.keys;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Uploading and claiming KeyPackages ({@code /api/v1/keys}, docs/e2ee.md "KeyPackages"). */
@RestController
@Validated
class KeyPackagesController {

    /** Far more than a KeyPackage with our credential needs (well under 2 KB), far less than a flood. */
    private static final int MAX_KEY_PACKAGE = 8192;

    /** A few hundred members with a device or two each, as many as a claim by users could hand out (100 users). */
    private static final int MAX_CLAIMED_DEVICES = 500;

    private final KeyPackages keyPackages;

    KeyPackagesController(KeyPackages keyPackages) {
        this.keyPackages = keyPackages;
    }

    record UploadRequest(
            @NotNull @Size(min = 1, max = 100)
            List<@NotNull @Size(max = MAX_KEY_PACKAGE) @Pattern(regexp = Base64Field.PATTERN) String> keyPackages,
            @Size(max = MAX_KEY_PACKAGE) @Pattern(regexp = Base64Field.PATTERN) String lastResort) {
    }

    /**
     * {@code devices}: exactly these devices (what a client reconciling a group wants: its pending devices);
     * {@code userIds}: every current device of these users. One of the two, not both.
     */
    record ClaimRequest(@NotNull UUID conversationId,
                        @Size(min = 1, max = 100) List<@NotNull UUID> userIds,
                        @Size(min = 1, max = MAX_CLAIMED_DEVICES) List<@NotNull @Valid WantedDevice> devices,
                        @Pattern(regexp = MlsDevicesController.DEVICE_ID) String deviceId) {
    }

    record WantedDevice(@NotNull UUID userId, @NotNull @Pattern(regexp = MlsDevicesController.DEVICE_ID) String deviceId) {
    }

    record ClaimedBody(UUID userId, String deviceId, String keyPackage, boolean lastResort) {
    }

    @PostMapping("/api/v1/keys/devices/{deviceId}/key-packages")
    Map<String, Integer> upload(@PathVariable @Pattern(regexp = MlsDevicesController.DEVICE_ID) String deviceId,
                                @Valid @RequestBody UploadRequest request, Caller caller) {
        List<byte[]> oneTime = request.keyPackages().stream().map(value -> Base64Field.decode("keyPackages", value)).toList();
        byte[] lastResort = request.lastResort() == null ? null : Base64Field.decode("lastResort", request.lastResort());
        return Map.of("available", keyPackages.upload(caller, deviceId, oneTime, lastResort));
    }

    /**
     * One KeyPackage of each device named (or of each current device of the users), each handed out once (a
     * last-resort one when none is left).
     */
    @PostMapping("/api/v1/keys/key-packages/claim")
    Map<String, List<ClaimedBody>> claim(@Valid @RequestBody ClaimRequest request, Caller caller) {
        if ((request.devices() == null) == (request.userIds() == null)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Name either devices or userIds.");
        }
        var claimed = request.devices() != null
                ? keyPackages.claimForDevices(caller, request.conversationId(), request.devices().stream()
                        .map(device -> new KeyPackages.WantedDevice(device.userId(), device.deviceId())).toList(),
                        request.deviceId())
                : keyPackages.claimForUsers(caller, request.conversationId(), request.userIds(), request.deviceId());
        return Map.of("keyPackages", claimed.stream().map(one -> new ClaimedBody(one.userId(), one.deviceId(),
                Base64.getEncoder().encodeToString(one.keyPackage()), one.lastResort())).toList());
    }
}
