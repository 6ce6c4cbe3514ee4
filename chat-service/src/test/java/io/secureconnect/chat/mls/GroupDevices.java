package io.secureconnect.chat.mls;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.testsupport.mls.MlsTestClient;
import io.secureconnect.testsupport.mls.MlsTestClient.CommitResult;

import tools.jackson.databind.JsonNode;

/**
 * Users' MLS devices for the group tests, in one line each: registered with chat-service, KeyPackages uploaded, the
 * MLS state kept by a real client ({@link MlsTestClient}, ts-mls). Fixtures fail loudly when chat refuses a step
 * that is not the one under test.
 */
final class GroupDevices {

    private final MlsTestClient mls;

    GroupDevices(MlsTestClient mls) {
        this.mls = mls;
    }

    /** A device of a user, as chat knows it ({@code deviceId}) and as the MLS client knows it ({@code name}). */
    record Device(ChatApi user, String deviceId, String name) {
        UUID userId() {
            return user.userId();
        }
    }

    /** An e2ee group conversation of {@code owner} with {@code others}. */
    static UUID e2eeConversation(ChatApi owner, ChatApi... others) {
        var created = owner.post("/api/v1/conversations", Map.of("type", "group", "name", "Sealed", "e2ee", true,
                "memberIds", Arrays.stream(others).map(ChatApi::userId).toList()));
        expect(created, 201, "conversation");
        return UUID.fromString(created.body().path("id").asString());
    }

    /** Registers the device, then uploads {@code count} KeyPackages and a last-resort one. */
    Device register(ChatApi user, String deviceId, int count) {
        Device device = new Device(user, deviceId, user.userId() + ":" + deviceId);
        byte[] signatureKey = mls.newDevice(device.name());
        var registered = user.put("/api/v1/keys/devices/" + deviceId,
                Map.of("signatureKey", Base64.getEncoder().encodeToString(signatureKey)));
        expect(registered, 200, "device");
        byte[] identity = registered.body().path("credential").asString().getBytes(StandardCharsets.UTF_8);
        var packages = mls.keyPackages(device.name(), identity, count, true);
        expect(user.post("/api/v1/keys/devices/" + deviceId + "/key-packages", Map.of("keyPackages",
                packages.keyPackages(), "lastResort", packages.lastResort())), 200, "key packages");
        return device;
    }

    Device register(ChatApi user, String deviceId) {
        return register(user, deviceId, 3);
    }

    /** One claimed KeyPackage of each current device of the users, by device {@code name}. */
    Map<String, String> claim(Device by, UUID conversationId, ChatApi... users) {
        var claimed = by.user().post("/api/v1/keys/key-packages/claim", Map.of("conversationId", conversationId,
                "userIds", Arrays.stream(users).map(ChatApi::userId).toList(), "deviceId", by.deviceId()));
        expect(claimed, 200, "claim");
        Map<String, String> packages = new HashMap<>();
        for (JsonNode one : claimed.body().path("keyPackages")) {
            packages.put(one.path("userId").asString() + ":" + one.path("deviceId").asString(),
                    one.path("keyPackage").asString());
        }
        return packages;
    }

    /** A KeyPackage of {@code device} claimed for the conversation. */
    String claim(Device by, UUID conversationId, Device device) {
        return claim(by, conversationId, device.user()).get(device.name());
    }

    void createGroup(Device creator, UUID conversationId) {
        mls.createGroup(creator.name(), groupId(conversationId));
    }

    CommitResult commit(Device by, UUID conversationId, List<String> adds, List<Integer> removes) {
        return mls.commit(by.name(), groupId(conversationId), adds, removes);
    }

    /** Posts a commit the client made to the DS. */
    static ChatApi.Response post(Device by, UUID conversationId, CommitResult commit) {
        Map<String, Object> body = new HashMap<>();
        body.put("deviceId", by.deviceId());
        body.put("commit", commit.commit());
        if (commit.welcome() != null) {
            body.put("welcome", commit.welcome());
            body.put("ratchetTree", commit.ratchetTree());
        }
        return by.user().post("/api/v1/conversations/" + conversationId + "/mls/commits", body);
    }

    /** Commits, has the DS accept it (or fails), and returns what was committed. */
    CommitResult accepted(Device by, UUID conversationId, List<String> adds, List<Integer> removes) {
        CommitResult commit = commit(by, conversationId, adds, removes);
        expect(post(by, conversationId, commit), 201, "commit");
        return commit;
    }

    /** A new group of the creator's device with the other devices added (their owners must be members). */
    void groupOf(UUID conversationId, Device creator, Device... others) {
        createGroup(creator, conversationId);
        if (others.length == 0) {
            accepted(creator, conversationId, List.of(), List.of());
            return;
        }
        ChatApi[] users = Arrays.stream(others).map(Device::user).distinct().toArray(ChatApi[]::new);
        Map<String, String> packages = claim(creator, conversationId, users);
        List<String> adds = Arrays.stream(others).map(device -> packages.get(device.name())).toList();
        CommitResult commit = accepted(creator, conversationId, adds, List.of());
        for (Device other : others) {
            mls.join(other.name(), commit.welcome(), commit.ratchetTree());
        }
    }

    String encrypt(Device by, UUID conversationId, String text) {
        return mls.encrypt(by.name(), groupId(conversationId), text);
    }

    MlsTestClient.Processed process(Device device, UUID conversationId, String message) {
        return mls.process(device.name(), groupId(conversationId), message);
    }

    void discardCommit(Device device, UUID conversationId) {
        mls.discardCommit(device.name(), groupId(conversationId));
    }

    int leafIndex(Device device, UUID conversationId) {
        return mls.leafIndex(device.name(), groupId(conversationId));
    }

    /** Sends an application message over REST. */
    static ChatApi.Response send(Device by, UUID conversationId, String clientId, String body) {
        return by.user().post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("clientId", clientId, "type", "e2ee", "body", body));
    }

    static byte[] groupId(UUID conversationId) {
        return MlsTestClient.groupId(conversationId);
    }

    private static void expect(ChatApi.Response response, int status, String what) {
        if (response.status() != status) {
            throw new AssertionError(what + ": " + response.status() + " " + response.body());
        }
    }
}
