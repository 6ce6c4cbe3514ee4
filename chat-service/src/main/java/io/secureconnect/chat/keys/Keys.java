package io.secureconnect.chat.keys;

import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.Caller;
import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.realtime.Fanout;
import io.secureconnect.chat.realtime.ServerFrames;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishing and handing out public keys. Every upload is audited; when a fetch leaves a device with exactly
 * {@code lowWatermark} one-time prekeys, its owner's sockets get {@code keys.low} so the device uploads more.
 */
@Service
class Keys {

    private final KeyDirectory directory;
    private final TransactionTemplate transaction;
    private final Fanout fanout;
    private final AuditLogger audit;
    private final int lowWatermark;

    Keys(KeyDirectory directory, TransactionTemplate transaction, Fanout fanout, AuditLogger audit,
         @Value("${secureconnect.chat.prekeys-low:10}") int lowWatermark) {
        this.directory = directory;
        this.transaction = transaction;
        this.fanout = fanout;
        this.audit = audit;
        this.lowWatermark = lowWatermark;
    }

    int upload(Caller caller, String deviceId, String identityKey, KeyDirectory.SignedPreKey signedPreKey,
               List<KeyDirectory.OneTimePreKey> oneTimePreKeys) {
        int remaining = transaction.execute(status -> {
            boolean newIdentity = directory.identityKey(caller.userId(), deviceId).map(key -> !key.equals(identityKey)).orElse(false);
            directory.saveDevice(caller.userId(), deviceId, identityKey, signedPreKey);
            if (newIdentity) {
                directory.dropOneTimePreKeys(caller.userId(), deviceId);
            }
            directory.addOneTimePreKeys(caller.userId(), deviceId, oneTimePreKeys);
            return directory.remainingOneTimePreKeys(caller.userId(), deviceId);
        });
        audited(caller, deviceId, "chat.keys.upload");
        return remaining;
    }

    int addOneTimePreKeys(Caller caller, String deviceId, List<KeyDirectory.OneTimePreKey> oneTimePreKeys) {
        requireDevice(caller, deviceId);
        directory.addOneTimePreKeys(caller.userId(), deviceId, oneTimePreKeys);
        audited(caller, deviceId, "chat.keys.prekeys");
        return directory.remainingOneTimePreKeys(caller.userId(), deviceId);
    }

    int rotateSignedPreKey(Caller caller, String deviceId, KeyDirectory.SignedPreKey signedPreKey) {
        if (!directory.rotateSignedPreKey(caller.userId(), deviceId, signedPreKey)) {
            throw noDevice();
        }
        audited(caller, deviceId, "chat.keys.rotate");
        return directory.remainingOneTimePreKeys(caller.userId(), deviceId);
    }

    int remaining(Caller caller, String deviceId) {
        requireDevice(caller, deviceId);
        return directory.remainingOneTimePreKeys(caller.userId(), deviceId);
    }

    List<KeyDirectory.Bundle> bundles(Caller caller, UUID userId) {
        List<KeyDirectory.Bundle> bundles = directory.devices(userId).stream()
                .flatMap(deviceId -> directory.takeBundle(userId, deviceId).stream()).toList();
        for (KeyDirectory.Bundle bundle : bundles) {
            int left = directory.remainingOneTimePreKeys(userId, bundle.deviceId());
            if (bundle.oneTimePreKey() != null && left == lowWatermark) {
                fanout.toUsers(List.of(userId), ServerFrames.frame("keys.low", "deviceId", bundle.deviceId(),
                        "oneTimePreKeys", left));
            }
        }
        return bundles;
    }

    private void requireDevice(Caller caller, String deviceId) {
        if (directory.identityKey(caller.userId(), deviceId).isEmpty()) {
            throw noDevice();
        }
    }

    private void audited(Caller caller, String deviceId, String action) {
        audit.record(AuditEvent.of(action, AuditResult.SUCCESS).user(caller.userId())
                .resource("device:" + caller.userId() + "/" + deviceId));
    }

    private static ApiException noDevice() {
        return new ApiException(ChatErrorCode.DEVICE_NOT_FOUND, "This device has published no keys yet.");
    }
}
