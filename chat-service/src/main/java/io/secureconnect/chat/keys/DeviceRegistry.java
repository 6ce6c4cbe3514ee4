package io.secureconnect.chat.keys;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.peer.BlockCheck;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Registering, listing and removing MLS devices. A device belongs to the session that registered it and goes when
 * that session ends (S5); when a device goes, everyone who shares a conversation with its owner hears
 * {@code keys.changed} {@code removed} (a new device is announced by {@link KeyPackages} once it has packages to
 * claim), and {@link DeviceRemoved} tells the rest of chat-service. A user's devices are shown
 * only to the user and to those who share a conversation with them without a block (S7); every look is audited.
 */
@Service
class DeviceRegistry {

    private final MlsDeviceRepository devices;
    private final KeyPackageRepository packages;
    private final CredentialIssuer issuer;
    private final ConversationRepository conversations;
    private final BlockCheck blocks;
    private final ApplicationEventPublisher events;
    private final KeyChanges changes;
    private final AuditLogger audit;
    private final KeyDirectoryProperties properties;
    private final Clock clock;

    DeviceRegistry(MlsDeviceRepository devices, KeyPackageRepository packages, CredentialIssuer issuer,
                   ConversationRepository conversations, BlockCheck blocks, ApplicationEventPublisher events,
                   KeyChanges changes, AuditLogger audit, KeyDirectoryProperties properties, Clock clock) {
        this.devices = devices;
        this.packages = packages;
        this.issuer = issuer;
        this.conversations = conversations;
        this.blocks = blocks;
        this.events = events;
        this.changes = changes;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Registers the caller's device, or returns it as it is when it exists with this very key (a retry, or the same
     * browser signing in again: the device then belongs to the new session). A device's key never changes, so
     * another key for an existing device is refused.
     */
    MlsDevice register(Caller caller, String deviceId, byte[] signatureKey) {
        var existing = devices.find(caller.userId(), deviceId);
        if (existing.isPresent()) {
            return again(caller, existing.get(), signatureKey);
        }
        if (devices.count(caller.userId()) >= properties.maxDevicesPerUser()) {
            deny(caller, deviceId, "too many devices");
            throw new ApiException(CommonErrorCode.CONFLICT, "You have " + properties.maxDevicesPerUser()
                    + " devices already; remove one first.");
        }
        var now = clock.instant();
        var offered = new MlsDevice(caller.userId(), deviceId, Base64.getEncoder().encodeToString(signatureKey),
                issuer.issue(caller.userId(), deviceId, signatureKey, now), now);
        MlsDevice stored = devices.insertIfAbsent(offered, caller.sessionId());
        if (!stored.credential().equals(offered.credential())) {
            return again(caller, stored, signatureKey); // a concurrent registration of this id came first
        }
        audit.record(AuditEvent.of("chat.keys.device.register", AuditResult.SUCCESS).user(caller.userId())
                .resource(resource(caller.userId(), deviceId)));
        return stored;
    }

    private MlsDevice again(Caller caller, MlsDevice stored, byte[] signatureKey) {
        if (!stored.signsWith(signatureKey)) {
            deny(caller, stored.deviceId(), "another signature key");
            throw new ApiException(ChatErrorCode.DEVICE_KEY_MISMATCH,
                    "This device is registered with another signature key; a new key is a new device.");
        }
        devices.moveToSession(caller.userId(), stored.deviceId(), caller.sessionId());
        return stored;
    }

    List<OwnDevice> mine(Caller caller) {
        return devices.of(List.of(caller.userId())).stream().map(this::withStock).toList();
    }

    OwnDevice mine(Caller caller, String deviceId) {
        return withStock(devices.find(caller.userId(), deviceId).orElseThrow(DeviceRegistry::noDevice));
    }

    private OwnDevice withStock(MlsDevice device) {
        return new OwnDevice(device, packages.available(device.userId(), device.deviceId()),
                packages.hasLastResort(device.userId(), device.deviceId()));
    }

    /** The user's devices, for the user and for peers who share a conversation with them without a block (S7). */
    List<MlsDevice> of(Caller caller, UUID userId) {
        if (!userId.equals(caller.userId())) {
            boolean related = conversations.sharingAConversationWith(caller.userId(), List.of(userId)).contains(userId);
            if (!related || blocks.eitherBlocked(caller, userId)) {
                audit.record(AuditEvent.of("chat.keys.fetch", AuditResult.DENIED).user(caller.userId())
                        .resource("user:" + userId).reason(related ? "blocked" : "no shared conversation"));
                throw new ApiException(CommonErrorCode.NOT_FOUND, "No devices for this user.");
            }
        }
        List<MlsDevice> found = devices.of(List.of(userId));
        audit.record(AuditEvent.of("chat.keys.fetch", AuditResult.SUCCESS).user(caller.userId())
                .resource("user:" + userId).reason(found.size() + " devices"));
        return found;
    }

    void remove(Caller caller, String deviceId) {
        if (!devices.delete(caller.userId(), deviceId)) {
            throw noDevice();
        }
        removed(caller.userId(), deviceId, null);
    }

    /** The devices of ended sessions go with them (all of the user's when every session ended). */
    @EventListener
    void onRevocation(Revocation revoked) {
        for (MlsDevice device : devices.deleteOf(revoked.sessionIds(), revoked.allSessions() ? revoked.userId() : null)) {
            removed(device.userId(), device.deviceId(), "session ended");
        }
    }

    private void removed(UUID userId, String deviceId, String reason) {
        var event = AuditEvent.of("chat.keys.device.remove", AuditResult.SUCCESS).user(userId)
                .resource(resource(userId, deviceId));
        audit.record(reason == null ? event : event.reason(reason));
        events.publishEvent(new DeviceRemoved(userId, deviceId));
        changes.removed(userId, deviceId);
    }

    private void deny(Caller caller, String deviceId, String reason) {
        audit.record(AuditEvent.of("chat.keys.device.register", AuditResult.DENIED).user(caller.userId())
                .resource(resource(caller.userId(), deviceId)).reason(reason));
    }

    static String resource(UUID userId, String deviceId) {
        return "device:" + userId + "/" + deviceId;
    }

    static ApiException noDevice() {
        return new ApiException(ChatErrorCode.DEVICE_NOT_FOUND, "No such device; register it first.");
    }
}
