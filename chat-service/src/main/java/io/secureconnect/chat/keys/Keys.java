package io.secureconnect.chat.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishing and handing out public keys. Every upload is audited; when a fetch leaves a device with exactly
 * {@code lowWatermark} one-time prekeys, its owner's sockets get {@code keys.low} so the device uploads more.
 * A fetch consumes one-time prekeys, so (S7) only someone who shares a conversation with the user and has no block
 * with them may fetch, at most {@code FETCHES_PER_WINDOW} times an hour per requester and user, each fetch audited.
 * A key device belongs to the session that last published its keys and goes when that session ends (S5); when a
 * device goes or its identity key changes, everyone sharing a conversation with its owner gets {@code keys.changed},
 * so their clients stop encrypting to the old key.
 */
@Service
class Keys {

    private static final Duration FETCH_WINDOW = Duration.ofHours(1);
    private static final int FETCHES_PER_WINDOW = 10;
    /** Bounds the audience of one {@code keys.changed}: the peers a client could be encrypting to. */
    private static final int MAX_PEERS_TOLD = 10_000;

    private final KeyDirectory directory;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final AuditLogger audit;
    private final int lowWatermark;
    private final ConversationRepository conversations;
    private final BlockCheck blocks;
    private final Clock clock;

    Keys(KeyDirectory directory, TransactionTemplate transaction, ApplicationEventPublisher events, AuditLogger audit,
         @Value("${secureconnect.chat.prekeys-low:10}") int lowWatermark, ConversationRepository conversations,
         BlockCheck blocks, Clock clock) {
        this.clock = clock;
        this.conversations = conversations;
        this.blocks = blocks;
        this.directory = directory;
        this.transaction = transaction;
        this.events = events;
        this.audit = audit;
        this.lowWatermark = lowWatermark;
    }

    int upload(Caller caller, String deviceId, String identityKey, KeyDirectory.SignedPreKey signedPreKey,
               List<KeyDirectory.OneTimePreKey> oneTimePreKeys) {
        boolean[] newIdentity = {false};
        int remaining = transaction.execute(status -> {
            newIdentity[0] = directory.identityKey(caller.userId(), deviceId).map(key -> !key.equals(identityKey)).orElse(false);
            directory.saveDevice(caller.userId(), deviceId, identityKey, signedPreKey, caller.sessionId());
            if (newIdentity[0]) {
                directory.dropOneTimePreKeys(caller.userId(), deviceId);
            }
            directory.addOneTimePreKeys(caller.userId(), deviceId, oneTimePreKeys);
            return directory.remainingOneTimePreKeys(caller.userId(), deviceId);
        });
        audited(caller, deviceId, "chat.keys.upload");
        if (newIdentity[0]) {
            tellPeers(caller.userId(), deviceId, "identity");
        }
        return remaining;
    }

    List<KeyDirectory.KeyDevice> devices(Caller caller) {
        return directory.keyDevices(caller.userId());
    }

    void removeDevice(Caller caller, String deviceId) {
        if (!directory.deleteDevice(caller.userId(), deviceId)) {
            throw noDevice();
        }
        audited(caller, deviceId, "chat.keys.device.remove");
        tellPeers(caller.userId(), deviceId, "removed");
    }

    /** The devices of ended sessions go with them (all of the user's when every session ended). */
    @EventListener
    void onRevocation(Revocation revoked) {
        List<KeyDirectory.RemovedDevice> removed = directory.deleteDevicesOf(revoked.sessionIds(),
                revoked.allSessions() ? revoked.userId() : null);
        for (KeyDirectory.RemovedDevice device : removed) {
            audit.record(AuditEvent.of("chat.keys.device.remove", AuditResult.SUCCESS).user(device.userId())
                    .resource("device:" + device.userId() + "/" + device.deviceId()).reason("session ended"));
            tellPeers(device.userId(), device.deviceId(), "removed");
        }
    }

    private void tellPeers(UUID userId, String deviceId, String change) {
        events.publishEvent(new KeysChanged(conversations.peersOf(userId, MAX_PEERS_TOLD), userId, deviceId, change));
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
        if (!userId.equals(caller.userId())) {
            requireMayFetch(caller, userId);
        }
        List<KeyDirectory.Bundle> bundles = directory.devices(userId).stream()
                .flatMap(deviceId -> directory.takeBundle(userId, deviceId).stream()).toList();
        for (KeyDirectory.Bundle bundle : bundles) {
            int left = directory.remainingOneTimePreKeys(userId, bundle.deviceId());
            if (bundle.oneTimePreKey() != null && left == lowWatermark) {
                events.publishEvent(new KeysRunningLow(userId, bundle.deviceId(), left));
            }
        }
        audit.record(AuditEvent.of("chat.keys.fetch", AuditResult.SUCCESS).user(caller.userId())
                .resource("user:" + userId).reason(bundles.size() + " devices"));
        return bundles;
    }

    private void requireMayFetch(Caller caller, UUID userId) {
        boolean related = conversations.sharingAConversationWith(caller.userId(), List.of(userId)).contains(userId);
        if (!related || blocks.eitherBlocked(caller, userId)) {
            audit.record(AuditEvent.of("chat.keys.fetch", AuditResult.DENIED).user(caller.userId())
                    .resource("user:" + userId).reason(related ? "blocked" : "no shared conversation"));
            throw new ApiException(CommonErrorCode.NOT_FOUND, "No keys for this user.");
        }
        if (!directory.recordFetchWithin(caller.userId(), userId, clock.instant().minus(FETCH_WINDOW), FETCHES_PER_WINDOW)) {
            audit.record(AuditEvent.of("chat.keys.fetch", AuditResult.DENIED).user(caller.userId())
                    .resource("user:" + userId).reason(FETCHES_PER_WINDOW + " fetches within " + FETCH_WINDOW));
            throw new ApiException(CommonErrorCode.RATE_LIMITED, "Too many key fetches for this user; try again later.",
                    Map.of(ApiException.RETRY_AFTER, FETCH_WINDOW.toSeconds()));
        }
    }

    @Scheduled(fixedDelayString = "PT10M")
    void forgetOldFetches() {
        directory.forgetFetchesBefore(clock.instant().minus(FETCH_WINDOW));
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
