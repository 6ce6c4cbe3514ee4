package io.secureconnect.chat.keys;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * What the rest of chat-service (the MLS groups) may ask of the directory: a user's device, and which KeyPackage
 * was handed out for which conversation. A device that goes is announced as {@link DeviceRemoved}.
 */
@Component
public class KeyDirectory {

    private final MlsDeviceRepository devices;
    private final KeyPackageRepository packages;

    KeyDirectory(MlsDeviceRepository devices, KeyPackageRepository packages) {
        this.devices = devices;
        this.packages = packages;
    }

    public Optional<MlsDevice> device(UUID userId, String deviceId) {
        return devices.find(userId, deviceId);
    }

    /**
     * Whether the user still has this device with this signature key. A device id may come back after its device
     * went (with the same key: the same browser signed in again), so a leaf is the device only if the key matches.
     */
    public boolean exists(UUID userId, String deviceId, byte[] signatureKey) {
        return devices.find(userId, deviceId).filter(device -> device.signsWith(signatureKey)).isPresent();
    }

    /**
     * The claim by which the KeyPackage with this ref (the hex SHA-256 reference {@code MlsWire} gives) was handed
     * out for the conversation, the newest when it was handed out more than once (a last-resort package); empty when
     * it never was, or the claim is older than the claims kept, or its device is gone.
     */
    public Optional<ClaimedKeyPackage> claimedFor(String ref, UUID conversationId) {
        return packages.claimsFor(ref, conversationId).stream().findFirst();
    }
}
