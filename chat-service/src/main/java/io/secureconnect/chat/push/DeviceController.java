package io.secureconnect.chat.push;

import java.util.List;
import java.util.UUID;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's push devices (docs/push.md). */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Push Devices", description = "The devices (FCM, APNs, Web Push) the caller's notifications are pushed to. "
        + "A device belongs to the session that registered it and goes when that session ends. Not the MLS devices "
        + "of end-to-end encryption (`/api/v1/keys/devices`).")
class DeviceController {

    private final Devices devices;

    DeviceController(Devices devices) {
        this.devices = devices;
    }

    record RegisterPushDevice(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "fcm",
                    allowableValues = {"fcm", "apns", "webpush"})
            String platform,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "dGhpcyBpcyBhbiBGQ00gdG9rZW4",
                    description = "The provider's device token, 1 to 4096 printable characters without spaces; for "
                            + "`webpush`, the JSON of `PushSubscription.toJSON()`. Never shown back.")
            String token,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "pixel-8-4f2a",
                    description = "The app's own id for the device, 1 to 128 of `A-Z a-z 0-9 . _ : -`; registering "
                            + "it again replaces its token")
            String deviceId) {
    }

    record PushDeviceList(List<Device> items) {
    }

    record WebPushKey(@Schema(description = "The VAPID public key, base64url",
            example = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM")
                      String publicKey) {
    }

    record TestPushQueued(@Schema(example = "true") boolean queued) {
    }

    @Operation(operationId = "registerPushDevice", summary = "Register a device for push",
            description = "A token registered by another user before moves to the caller. A user keeps at most "
                    + "`max-devices` devices (20 by default); registering one more drops the least recently "
                    + "registered. A `webpush` subscription must point at a push service this server sends to.")
    @ApiErrors({})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Device register(@RequestBody RegisterPushDevice request, Caller caller) {
        return devices.register(caller, request.platform(), request.token(), request.deviceId());
    }

    @Operation(operationId = "listPushDevices", summary = "List your push devices")
    @ApiErrors({})
    @GetMapping
    PushDeviceList list(Caller caller) {
        return new PushDeviceList(devices.list(caller));
    }

    /** The VAPID key for {@code PushManager.subscribe({applicationServerKey})}; 404 while Web Push is off. */
    @Operation(operationId = "getWebPushKey", summary = "The Web Push (VAPID) public key",
            description = "For `PushManager.subscribe({applicationServerKey})` in a browser.")
    @ApiErrors("WEBPUSH_NOT_CONFIGURED")
    @GetMapping("/webpush-key")
    WebPushKey webPushKey() {
        return devices.webPushKey().map(WebPushKey::new)
                .orElseThrow(() -> new ApiException(PushErrorCode.WEBPUSH_NOT_CONFIGURED, "Web Push is not configured."));
    }

    @Operation(operationId = "removePushDevice", summary = "Remove a push device")
    @ApiErrors("DEVICE_NOT_FOUND")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id, Caller caller) {
        devices.remove(caller, id);
    }

    @Operation(operationId = "removeAllPushDevices", summary = "Remove all your push devices")
    @ApiErrors({})
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeAll(Caller caller) {
        devices.removeAll(caller);
    }

    @Operation(operationId = "sendTestPush", summary = "Send a test push to a device",
            description = "Queued; what the provider answers shows in the server's metrics and logs.")
    @ApiErrors("DEVICE_NOT_FOUND")
    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestPushQueued test(@PathVariable UUID id, Caller caller) {
        devices.test(caller, id);
        return new TestPushQueued(true);
    }
}
