package io.secureconnect.chat.push;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

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
class DeviceController {

    private final Devices devices;

    DeviceController(Devices devices) {
        this.devices = devices;
    }

    record RegisterDevice(String platform, String token, String deviceId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Device register(@RequestBody RegisterDevice request, Caller caller) {
        return devices.register(caller, request.platform(), request.token(), request.deviceId());
    }

    @GetMapping
    Map<String, List<Device>> list(Caller caller) {
        return Map.of("items", devices.list(caller));
    }

    /** The VAPID key for {@code PushManager.subscribe({applicationServerKey})}; 404 while Web Push is off. */
    @GetMapping("/webpush-key")
    Map<String, String> webPushKey() {
        return devices.webPushKey().map(key -> Map.of("publicKey", key))
                .orElseThrow(() -> new ApiException(PushErrorCode.WEBPUSH_NOT_CONFIGURED, "Web Push is not configured."));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id, Caller caller) {
        devices.remove(caller, id);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeAll(Caller caller) {
        devices.removeAll(caller);
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> test(@PathVariable UUID id, Caller caller) {
        devices.test(caller, id);
        return Map.of("queued", true);
    }
}
