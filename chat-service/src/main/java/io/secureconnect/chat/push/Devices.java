package io.secureconnect.chat.push;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registering, listing and removing a user's push devices; every change is audited. A device belongs to the session
 * that registered it and goes when that session ends (logout, revocation, logout everywhere, reset, ban, deletion).
 */
@Service
class Devices {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TOKEN = Pattern.compile("\\p{Graph}{1,4096}");

    private final DeviceRepository devices;
    private final Pushes pushes;
    private final AuditLogger audit;
    private final TransactionTemplate transaction;
    private final PushProperties properties;
    private final JsonMapper json;

    Devices(DeviceRepository devices, Pushes pushes, AuditLogger audit, TransactionTemplate transaction,
            PushProperties properties, JsonMapper json) {
        this.json = json;
        this.devices = devices;
        this.pushes = pushes;
        this.audit = audit;
        this.transaction = transaction;
        this.properties = properties;
    }

    Device register(Caller caller, String platformName, String token, String deviceId) {
        Platform platform = Platform.fromWire(platformName);
        if (platform == null) {
            throw invalid("platform must be fcm, apns or webpush.");
        }
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw invalid("token is required: 1 to 4096 printable characters without spaces.");
        }
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw invalid("deviceId is required: 1 to 128 letters, digits or . _ : -");
        }
        if (platform == Platform.WEBPUSH) {
            requireUsableSubscription(token);
        }
        Device device;
        try {
            device = registerOnce(caller, platform, token, deviceId);
        } catch (DuplicateKeyException raced) {
            device = registerOnce(caller, platform, token, deviceId); // the same token registered concurrently
        }
        audit.record(AuditEvent.of("chat.device.register", AuditResult.SUCCESS).user(caller.userId())
                .resource("device:" + device.id()).reason(platform.wire()));
        return device;
    }

    private Device registerOnce(Caller caller, Platform platform, String token, String deviceId) {
        return transaction.execute(status -> {
            Device device = devices.register(caller.userId(), deviceId, platform, token, caller.sessionId());
            devices.trim(caller.userId(), properties.maxDevices());
            return device;
        });
    }

    List<Device> list(Caller caller) {
        return devices.ofUser(caller.userId());
    }

    void remove(Caller caller, UUID id) {
        if (!devices.delete(caller.userId(), id)) {
            throw notFound(caller, id, "chat.device.remove");
        }
        audit.record(AuditEvent.of("chat.device.remove", AuditResult.SUCCESS).user(caller.userId())
                .resource("device:" + id));
    }

    void removeAll(Caller caller) {
        int removed = devices.deleteAll(caller.userId());
        audit.record(AuditEvent.of("chat.device.remove_all", AuditResult.SUCCESS).user(caller.userId())
                .resource("devices").reason(removed + " removed"));
    }

    @EventListener
    void onRevocation(Revocation revoked) {
        for (Device device : devices.deleteOfSessions(revoked.sessionIds(), revoked.allSessions() ? revoked.userId() : null)) {
            audit.record(AuditEvent.of("chat.device.remove", AuditResult.SUCCESS).user(device.userId())
                    .resource("device:" + device.id()).reason("session ended"));
        }
    }

    /** Queues a test push to one of the caller's devices; what the provider says shows in the metrics and logs. */
    void test(Caller caller, UUID id) {
        Device device = devices.find(caller.userId(), id).orElseThrow(() -> notFound(caller, id, "chat.device.test"));
        pushes.toDevice(device, new PushContent("test", "SecureConnect", "Push notifications work on this device.",
                Map.of("deviceId", device.deviceId())));
    }

    /** Someone else's device, or none: the same 404, audited. */
    private ApiException notFound(Caller caller, UUID id, String action) {
        audit.record(AuditEvent.of(action, AuditResult.DENIED).user(caller.userId()).resource("device:" + id)
                .reason("not the caller's device"));
        return new ApiException(PushErrorCode.DEVICE_NOT_FOUND, "No such device.");
    }

    /** A browser subscription must be well formed and point at a push service we are willing to call. */
    private void requireUsableSubscription(String token) {
        WebPushSubscription subscription = WebPushSubscription.parse(token, json);
        if (subscription == null) {
            throw invalid("A webpush token is the subscription's JSON: {endpoint, keys:{p256dh, auth}}.");
        }
        if (!properties.webpush().allows(subscription.endpoint())) {
            throw invalid("The subscription's endpoint is not a push service this server sends to.");
        }
    }

    /** The VAPID public key browsers subscribe with, or empty when Web Push is off. */
    Optional<String> webPushKey() {
        return properties.webpush().privateKeyFile() == null ? Optional.empty()
                : Optional.ofNullable(properties.webpush().publicKey());
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonErrorCode.VALIDATION_FAILED, detail);
    }
}
