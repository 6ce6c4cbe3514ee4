package io.secureconnect.chat.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.conversation.ConversationAccess;
import io.secureconnect.chat.conversation.ConversationRepository;
import io.secureconnect.chat.peer.BlockCheck;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploading and claiming KeyPackages (docs/e2ee.md, "KeyPackages"). A device uploads packages it made for itself;
 * its first upload announces it ({@code keys.changed} {@code added}): only then is there something to claim. A
 * member of an e2ee conversation claims one package of each device it adds to the group (the pending ones, or every
 * current device of some members). A one-time package is handed out once; when a device has none left its
 * last-resort package is handed out and kept. Claims are recorded (an Add must carry a package claimed for its
 * conversation), audited, and limited per claimer and user (S7); a claim that leaves a device short tells its owner
 * ({@code keys.low}).
 */
@Service
class KeyPackages {

    private static final Duration CLAIM_WINDOW = Duration.ofHours(1);

    private final KeyPackageRepository packages;
    private final MlsDeviceRepository devices;
    private final ConversationAccess access;
    private final ConversationRepository conversations;
    private final BlockCheck blocks;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final KeyChanges changes;
    private final AuditLogger audit;
    private final KeyDirectoryProperties properties;
    private final Clock clock;

    KeyPackages(KeyPackageRepository packages, MlsDeviceRepository devices, ConversationAccess access,
                ConversationRepository conversations, BlockCheck blocks, TransactionTemplate transaction,
                ApplicationEventPublisher events, KeyChanges changes, AuditLogger audit, KeyDirectoryProperties properties,
                Clock clock) {
        this.packages = packages;
        this.devices = devices;
        this.access = access;
        this.conversations = conversations;
        this.blocks = blocks;
        this.transaction = transaction;
        this.events = events;
        this.changes = changes;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** One package handed out: the MLSMessage as its device uploaded it. */
    record Claimed(UUID userId, String deviceId, byte[] keyPackage, boolean lastResort) {
    }

    private record Stock(int available, boolean firstUpload) {
    }

    /** A device named in a claim. */
    record WantedDevice(UUID userId, String deviceId) {
    }

    /**
     * Stores the device's new packages (each checked to be the device's own) and, when given, its new last-resort
     * package; answers how many one-time packages it now has. The device's first upload announces it to its owner's
     * peers and other devices, once.
     */
    int upload(Caller caller, String deviceId, List<byte[]> oneTime, byte[] lastResort) {
        MlsDevice device = devices.find(caller.userId(), deviceId).orElseThrow(DeviceRegistry::noDevice);
        List<KeyPackageRepository.StoredKeyPackage> checked = oneTime.stream()
                .map(message -> DeviceKeyPackage.check(message, device)).toList();
        var checkedLastResort = lastResort == null ? null : DeviceKeyPackage.check(lastResort, device);
        Instant now = clock.instant();
        Stock stock = transaction.execute(status -> {
            if (packages.available(caller.userId(), deviceId) + checked.size() > properties.maxKeyPackages()) {
                throw new ApiException(CommonErrorCode.CONFLICT, "This device holds enough KeyPackages already (at most "
                        + properties.maxKeyPackages() + ").");
            }
            packages.add(caller.userId(), deviceId, checked, now);
            if (checkedLastResort != null) {
                packages.replaceLastResort(caller.userId(), deviceId, checkedLastResort, now);
            }
            boolean first = devices.firstUpload(caller.userId(), deviceId, now);
            return new Stock(packages.available(caller.userId(), deviceId), first);
        });
        audit.record(AuditEvent.of("chat.keys.upload", AuditResult.SUCCESS).user(caller.userId())
                .resource(DeviceRegistry.resource(caller.userId(), deviceId))
                .reason(checked.size() + " key packages" + (checkedLastResort == null ? "" : " and a last-resort one")));
        if (stock.firstUpload()) {
            changes.added(caller.userId(), deviceId);
        }
        return stock.available();
    }

    /**
     * One package for each current device of each of {@code userIds} (the caller's {@code requestingDevice}
     * excluded), for adding them to the group of {@code conversationId}. The caller and every user must be members
     * of that e2ee conversation, with no block between the caller and any of them.
     */
    List<Claimed> claimForUsers(Caller caller, UUID conversationId, List<UUID> userIds, String requestingDevice) {
        return claim(caller, conversationId, new LinkedHashSet<>(userIds), device -> true, requestingDevice);
    }

    /**
     * One package for each of the {@code wanted} devices (the caller's {@code requestingDevice} excluded), and for
     * no other: a client reconciling a group claims only its pending devices, so the others' packages and the
     * per-pair budget are not spent. Every device's user must be a member as for {@link #claimForUsers}; a device
     * that is not (or no longer) one of its user's gets nothing, like a device without packages: the group view the
     * client read may be a moment old, and one device gone must not stop the adds of the others.
     */
    List<Claimed> claimForDevices(Caller caller, UUID conversationId, List<WantedDevice> wanted, String requestingDevice) {
        Set<WantedDevice> named = new LinkedHashSet<>(wanted);
        Set<UUID> users = new LinkedHashSet<>();
        named.forEach(device -> users.add(device.userId()));
        return claim(caller, conversationId, users,
                device -> named.contains(new WantedDevice(device.userId(), device.deviceId())), requestingDevice);
    }

    private List<Claimed> claim(Caller caller, UUID conversationId, Set<UUID> users, Predicate<MlsDevice> wanted,
                                String requestingDevice) {
        requireMayClaim(caller, conversationId, users);
        UUID claimId = Ids.newId();
        Instant now = clock.instant();
        List<Claimed> claimed = transaction.execute(status -> {
            users.stream().filter(user -> !user.equals(caller.userId())).sorted()
                    .forEach(user -> requireWithinLimit(caller, user, now));
            List<Claimed> taken = new ArrayList<>();
            for (MlsDevice device : devices.of(users)) {
                if (!wanted.test(device)
                        || device.userId().equals(caller.userId()) && device.deviceId().equals(requestingDevice)) {
                    continue;
                }
                take(device).ifPresent(one -> {
                    packages.recordClaim(claimId, new ClaimedKeyPackage(one.ref(), device.userId(), device.deviceId(),
                            conversationId, caller.userId(), now));
                    taken.add(new Claimed(device.userId(), device.deviceId(), one.keyPackage(), one.lastResort()));
                });
            }
            return taken;
        });
        audited(caller, conversationId, users, claimed);
        tellOwnersRunningLow(claimed);
        return claimed;
    }

    private record Taken(String ref, byte[] keyPackage, boolean lastResort) {
    }

    private Optional<Taken> take(MlsDevice device) {
        return packages.takeOneTime(device.userId(), device.deviceId())
                .map(one -> new Taken(one.ref(), one.keyPackage(), false))
                .or(() -> packages.lastResort(device.userId(), device.deviceId())
                        .map(last -> new Taken(last.ref(), last.keyPackage(), true)));
    }

    private void requireMayClaim(Caller caller, UUID conversationId, Set<UUID> users) {
        access.requireE2eeMember(caller, conversationId, "chat.keys.claim");
        Set<UUID> members = Set.copyOf(conversations.memberIds(conversationId));
        for (UUID user : users) {
            if (!members.contains(user)) {
                deny(caller, user, conversationId, "not a member of the conversation");
                throw new ApiException(CommonErrorCode.NOT_FOUND, "User " + user + " is not a member of this conversation.");
            }
            if (!user.equals(caller.userId()) && blocks.eitherBlocked(caller, user)) {
                deny(caller, user, conversationId, "blocked");
                throw new ApiException(ChatErrorCode.USER_BLOCKED, "You cannot add this user's devices.");
            }
        }
    }

    private void requireWithinLimit(Caller caller, UUID user, Instant now) {
        packages.lockPair(caller.userId(), user);
        if (packages.claimsSince(caller.userId(), user, now.minus(CLAIM_WINDOW)) >= properties.claimsPerHour()) {
            audit.record(AuditEvent.of("chat.keys.claim", AuditResult.DENIED).user(caller.userId())
                    .resource("user:" + user).reason(properties.claimsPerHour() + " claims within " + CLAIM_WINDOW));
            throw new ApiException(CommonErrorCode.RATE_LIMITED, "Too many KeyPackage claims for this user; try again later.",
                    Map.of(ApiException.RETRY_AFTER, CLAIM_WINDOW.toSeconds()));
        }
    }

    private void audited(Caller caller, UUID conversationId, Set<UUID> users, List<Claimed> claimed) {
        Map<UUID, Integer> perUser = new HashMap<>();
        claimed.forEach(one -> perUser.merge(one.userId(), 1, Integer::sum));
        for (UUID user : users) {
            audit.record(AuditEvent.of("chat.keys.claim", AuditResult.SUCCESS).user(caller.userId())
                    .resource("user:" + user)
                    .reason(perUser.getOrDefault(user, 0) + " key packages for conversation " + conversationId));
        }
    }

    private void tellOwnersRunningLow(List<Claimed> claimed) {
        for (Claimed one : claimed) {
            int left = packages.available(one.userId(), one.deviceId());
            if (left < properties.lowWatermark()) {
                events.publishEvent(new KeysRunningLow(one.userId(), one.deviceId(), left));
            }
        }
    }

    private void deny(Caller caller, UUID user, UUID conversationId, String reason) {
        audit.record(AuditEvent.of("chat.keys.claim", AuditResult.DENIED).user(caller.userId())
                .resource("user:" + user).reason(reason + " (conversation " + conversationId + ")"));
    }

    @Scheduled(fixedDelayString = "PT10M")
    void forgetOldClaims() {
        packages.forgetClaimsBefore(clock.instant().minus(properties.claimRetention()));
    }
}
