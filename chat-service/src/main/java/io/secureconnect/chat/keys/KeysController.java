package io.secureconnect.chat.keys;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.secureconnect.common.security.Caller;

import org.springframework.validation.annotation.Validated;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The E2EE key directory ({@code /api/v1/keys}). Devices publish public keys; anyone signed in fetches a user's
 * bundles to start an encrypted session. Keys are opaque base64 strings to the server.
 */
@RestController
@Validated
class KeysController {

    private static final String BASE64 = "[A-Za-z0-9+/=_-]{1,1024}";
    private static final String DEVICE = "[A-Za-z0-9._-]{1,64}";

    private final Keys keys;

    KeysController(Keys keys) {
        this.keys = keys;
    }

    record SignedPreKeyBody(@NotNull @PositiveOrZero Integer keyId, @NotNull @Pattern(regexp = BASE64) String publicKey,
                            @NotNull @Pattern(regexp = BASE64) String signature) {
        KeyDirectory.SignedPreKey toKey() {
            return new KeyDirectory.SignedPreKey(keyId, publicKey, signature);
        }
    }

    record OneTimePreKeyBody(@NotNull @PositiveOrZero Integer keyId, @NotNull @Pattern(regexp = BASE64) String publicKey) {
        KeyDirectory.OneTimePreKey toKey() {
            return new KeyDirectory.OneTimePreKey(keyId, publicKey);
        }
    }

    record UploadRequest(@NotNull @Pattern(regexp = BASE64) String identityKey, @NotNull @Valid SignedPreKeyBody signedPreKey,
                         @Size(max = 100) List<@NotNull @Valid OneTimePreKeyBody> oneTimePreKeys) {
    }

    record OneTimePreKeysRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull @Valid OneTimePreKeyBody> oneTimePreKeys) {
    }

    /** Publishes (or replaces) this device's identity key and signed prekey, and optionally one-time prekeys. */
    @PutMapping("/api/v1/keys/devices/{deviceId}")
    Map<String, Integer> upload(@PathVariable @Pattern(regexp = DEVICE) String deviceId,
                                @Valid @RequestBody UploadRequest request, Caller caller) {
        int remaining = keys.upload(caller, deviceId, request.identityKey(), request.signedPreKey().toKey(),
                request.oneTimePreKeys() == null ? List.of() : request.oneTimePreKeys().stream().map(OneTimePreKeyBody::toKey).toList());
        return Map.of("oneTimePreKeys", remaining);
    }

    @PostMapping("/api/v1/keys/devices/{deviceId}/one-time-prekeys")
    Map<String, Integer> addOneTimePreKeys(@PathVariable @Pattern(regexp = DEVICE) String deviceId,
                                           @Valid @RequestBody OneTimePreKeysRequest request, Caller caller) {
        return Map.of("oneTimePreKeys", keys.addOneTimePreKeys(caller, deviceId,
                request.oneTimePreKeys().stream().map(OneTimePreKeyBody::toKey).toList()));
    }

    @PutMapping("/api/v1/keys/devices/{deviceId}/signed-prekey")
    Map<String, Integer> rotateSignedPreKey(@PathVariable @Pattern(regexp = DEVICE) String deviceId,
                                            @Valid @RequestBody SignedPreKeyBody request, Caller caller) {
        return Map.of("oneTimePreKeys", keys.rotateSignedPreKey(caller, deviceId, request.toKey()));
    }

    /** The caller's own key devices, so a user can see (and remove) every device others encrypt to. */
    @GetMapping("/api/v1/keys/devices")
    Map<String, List<KeyDirectory.KeyDevice>> devices(Caller caller) {
        return Map.of("items", keys.devices(caller));
    }

    /** Removes one of the caller's key devices; peers are told with {@code keys.changed}. */
    @DeleteMapping("/api/v1/keys/devices/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeDevice(@PathVariable @Pattern(regexp = DEVICE) String deviceId, Caller caller) {
        keys.removeDevice(caller, deviceId);
    }

    @GetMapping("/api/v1/keys/devices/{deviceId}")
    Map<String, Integer> status(@PathVariable @Pattern(regexp = DEVICE) String deviceId, Caller caller) {
        return Map.of("oneTimePreKeys", keys.remaining(caller, deviceId));
    }

    /** One bundle per device of the user, each with one one-time prekey consumed (none when the pool is empty). */
    @GetMapping("/api/v1/keys/users/{userId}")
    Map<String, Object> bundles(@PathVariable UUID userId, Caller caller) {
        return Map.of("userId", userId, "devices", keys.bundles(caller, userId));
    }
}
