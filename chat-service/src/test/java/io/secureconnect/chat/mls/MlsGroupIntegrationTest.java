package io.secureconnect.chat.mls;

import static io.secureconnect.chat.mls.GroupDevices.e2eeConversation;
import static io.secureconnect.chat.mls.GroupDevices.post;
import static io.secureconnect.chat.mls.GroupDevices.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.secureconnect.chat.mls.GroupDevices.Device;
import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.mls.MlsTestClient;
import io.secureconnect.testsupport.mls.MlsTestClient.CommitResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The Delivery Service's groups with a real MLS client (ts-mls): commits in epoch order, leaves as RFC 9420 fills
 * them, Welcomes to added devices, and application messages that are MLS ciphertext of a group with no stale leaf.
 */
class MlsGroupIntegrationTest extends ChatIntegrationTest {

    @RegisterExtension
    static final MlsTestClient mls = MlsTestClient.perTestClass();
    private static final GroupDevices devices = new GroupDevices(mls);

    @Test
    void theFirstCommitCreatesTheGroupAndTheAddedDeviceJoinsFromTheWelcomeItsOwnerReceives() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        Device bobsPhone = devices.register(bob, "phone");
        devices.createGroup(annsLaptop, chat);
        String bobsPackage = devices.claim(annsLaptop, chat, bobsPhone);

        try (var bobsSocket = ChatSockets.connect(bob)) {
            CommitResult commit = devices.commit(annsLaptop, chat, List.of(bobsPackage), List.of());
            var accepted = post(annsLaptop, chat, commit);

            assertThat(accepted.status()).isEqualTo(201);
            assertThat(accepted.body().path("epoch").asLong()).isEqualTo(1);
            JsonNode message = accepted.body().path("message");
            assertThat(message.path("type").asString()).isEqualTo("mls_commit");
            assertThat(message.path("body").asString()).isEqualTo(commit.commit());
            JsonNode frame = bobsSocket.next("message").path("message");
            assertThat(frame.path("seq").asLong()).isEqualTo(message.path("seq").asLong());
            JsonNode welcome = bobsSocket.next("mls.welcome");
            assertThat(welcome.path("conversationId").asString()).isEqualTo(chat.toString());
            assertThat(welcome.path("deviceId").asString()).isEqualTo("phone");
            assertThat(welcome.path("epoch").asLong()).isEqualTo(1);
            assertThat(welcome.path("welcome").asString()).isEqualTo(commit.welcome());
            assertThat(welcome.path("ratchetTree").asString()).isEqualTo(commit.ratchetTree());
        }
        var waiting = bob.get("/api/v1/keys/devices/phone/welcomes").body().path("welcomes");
        assertThat(waiting).hasSize(1);
        var joined = mls.join(bobsPhone.name(), waiting.get(0).path("welcome").asString(),
                waiting.get(0).path("ratchetTree").asString());
        assertThat(joined.leafIndex()).isEqualTo(1);
        assertThat(bob.delete("/api/v1/keys/devices/phone/welcomes/" + waiting.get(0).path("welcomeId").asString())
                .status()).isEqualTo(204);
        assertThat(bob.get("/api/v1/keys/devices/phone/welcomes").body().path("welcomes")).isEmpty();

        var group = ann.get("/api/v1/conversations/" + chat + "/mls").body();
        assertThat(group.path("epoch").asLong()).isEqualTo(1);
        assertThat(group.path("members")).extracting(leaf -> leaf.path("deviceId").asString() + "@"
                + leaf.path("leafIndex").asInt()).containsExactly("laptop@0", "phone@1");
        assertThat(group.path("pendingDevices")).isEmpty();
        assertThat(group.path("staleLeaves")).isEmpty();

        String ciphertext = devices.encrypt(annsLaptop, chat, "hello bob");
        var sent = send(annsLaptop, chat, "m-1", ciphertext);
        assertThat(sent.status()).isEqualTo(201);
        assertThat(devices.process(bobsPhone, chat, bob.history(chat).getLast().path("body").asString()).text())
                .isEqualTo("hello bob");
    }

    @Test
    void ofConcurrentCommitsOnOneEpochExactlyOneIsAcceptedAndTheOthersLearnTheNewEpoch() throws Exception {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi cat = user();
        UUID chat = e2eeConversation(ann, bob, cat);
        Device annsLaptop = devices.register(ann, "laptop");
        List<Device> others = List.of(devices.register(ann, "phone"), devices.register(bob, "phone"),
                devices.register(cat, "tablet"));
        devices.groupOf(chat, annsLaptop, others.toArray(Device[]::new));
        List<Device> committers = new ArrayList<>(others);
        committers.add(annsLaptop);
        List<CommitResult> commits = committers.stream()
                .map(device -> devices.commit(device, chat, List.of(), List.of())).toList();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<ChatApi.Response>> answers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < committers.size(); i++) {
                Device committer = committers.get(i);
                CommitResult commit = commits.get(i);
                answers.add(threads.submit(() -> {
                    start.await();
                    return post(committer, chat, commit);
                }));
            }
            start.countDown();
        }

        List<ChatApi.Response> responses = new ArrayList<>();
        for (Future<ChatApi.Response> answer : answers) {
            responses.add(answer.get());
        }
        assertThat(responses).extracting(ChatApi.Response::status).containsOnly(201, 409).filteredOn(s -> s == 201)
                .hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).allSatisfy(refused -> {
            assertThat(refused.code()).isEqualTo("STALE_EPOCH");
            assertThat(refused.body().path("epoch").asLong()).isEqualTo(2);
            assertThat(refused.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        });
        assertThat(ann.get("/api/v1/conversations/" + chat + "/mls").body().path("epoch").asLong()).isEqualTo(2);
        assertThat(ann.history(chat)).filteredOn(m -> m.path("type").asString().equals("mls_commit")).hasSize(2);
    }

    @Test
    void aCommitAddingADeviceOfAUserWhoBlockedTheCommitterIsRefused() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        Device bobsPhone = devices.register(bob, "phone");
        devices.createGroup(annsLaptop, chat);
        String bobsPackage = devices.claim(annsLaptop, chat, bobsPhone);
        peers.block(bob.userId(), ann.userId());

        var refused = post(annsLaptop, chat, devices.commit(annsLaptop, chat, List.of(bobsPackage), List.of()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("USER_BLOCKED");
        assertThat(ann.get("/api/v1/conversations/" + chat + "/mls").body().path("epoch").asLong()).isZero();
        assertThat(audit.denials("conversation:" + chat)).isNotEmpty();
    }

    @Test
    void aCommitAddingAnotherUsersDeviceIsRefusedWhileAuthCannotSayWhetherEitherBlockedTheOther() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        Device bobsPhone = devices.register(bob, "phone");
        devices.createGroup(annsLaptop, chat);
        CommitResult commit = devices.commit(annsLaptop, chat, List.of(devices.claim(annsLaptop, chat, bobsPhone)),
                List.of());

        ChatApi.Response whileDown;
        peers.down();
        try {
            whileDown = post(annsLaptop, chat, commit);
        } finally {
            peers.up();
        }

        assertThat(whileDown.status()).isEqualTo(503);
        assertThat(whileDown.code()).isEqualTo("PEER_UNAVAILABLE");
        assertThat(post(annsLaptop, chat, commit).status()).as("the same commit, auth answering again").isEqualTo(201);
    }

    @Test
    void anAddOfAKeyPackageNeverHandedOutForTheConversationIsAMembershipMismatch() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = e2eeConversation(ann, bob);
        UUID elsewhere = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        Device bobsPhone = devices.register(bob, "phone");
        devices.createGroup(annsLaptop, chat);
        String claimedElsewhere = devices.claim(annsLaptop, elsewhere, bobsPhone);
        String neverUploaded = mls.keyPackages(bobsPhone.name(), "not a credential".getBytes(), 1, false)
                .keyPackages().getFirst();

        var foreign = post(annsLaptop, chat, devices.commit(annsLaptop, chat, List.of(claimedElsewhere), List.of()));
        devices.discardCommit(annsLaptop, chat);
        var unknown = post(annsLaptop, chat, devices.commit(annsLaptop, chat, List.of(neverUploaded), List.of()));

        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.code()).isEqualTo("MEMBERSHIP_MISMATCH");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("MEMBERSHIP_MISMATCH");
    }

    @Test
    void onlyStaleLeavesAndTheCommittersOwnDevicesAreRemoved() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        Device annsPhone = devices.register(ann, "phone");
        Device bobsPhone = devices.register(bob, "phone");
        devices.groupOf(chat, annsLaptop, annsPhone, bobsPhone);
        int bobsLeaf = devices.leafIndex(bobsPhone, chat);
        int annsPhoneLeaf = devices.leafIndex(annsPhone, chat);

        var othersDevice = post(annsLaptop, chat, devices.commit(annsLaptop, chat, List.of(), List.of(bobsLeaf)));
        devices.discardCommit(annsLaptop, chat);
        var ownDevice = post(annsLaptop, chat, devices.commit(annsLaptop, chat, List.of(), List.of(annsPhoneLeaf)));

        assertThat(othersDevice.status()).isEqualTo(422);
        assertThat(othersDevice.code()).isEqualTo("MEMBERSHIP_MISMATCH");
        assertThat(ownDevice.status()).isEqualTo(201);
        var group = ann.get("/api/v1/conversations/" + chat + "/mls").body();
        assertThat(group.path("members")).extracting(leaf -> leaf.path("deviceId").asString() + "@"
                + leaf.path("leafIndex").asInt()).containsExactly("laptop@0", "phone@" + bobsLeaf);
        assertThat(group.path("pendingDevices")).extracting(device -> device.path("deviceId").asString())
                .containsExactly("phone");
    }

    @Test
    void aStaleLeafBlocksApplicationMessagesUntilACommitRemovesItAndTheNextAddFillsTheBlank() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi cat = user();
        UUID chat = e2eeConversation(ann, bob, cat);
        Device annsLaptop = devices.register(ann, "laptop");
        Device bobsPhone = devices.register(bob, "phone");
        devices.groupOf(chat, annsLaptop, bobsPhone);
        int bobsLeaf = devices.leafIndex(bobsPhone, chat);
        assertThat(ann.delete("/api/v1/conversations/" + chat + "/members/" + bob.userId()).status()).isEqualTo(204);

        var group = ann.get("/api/v1/conversations/" + chat + "/mls").body();
        var refused = send(annsLaptop, chat, "m-1", devices.encrypt(annsLaptop, chat, "bob must not read this"));
        JsonNode overTheSocket;
        try (var socket = ChatSockets.connect(ann)) {
            socket.send(Map.of("type", "send", "conversationId", chat, "clientId", "m-2", "messageType", "e2ee",
                    "body", devices.encrypt(annsLaptop, chat, "nor this")));
            overTheSocket = socket.next("error");
        }
        Device catsTablet = devices.register(cat, "tablet");
        String catsPackage = devices.claim(annsLaptop, chat, catsTablet);
        var removed = post(annsLaptop, chat,
                devices.commit(annsLaptop, chat, List.of(catsPackage), List.of(bobsLeaf)));
        var sent = send(annsLaptop, chat, "m-3", devices.encrypt(annsLaptop, chat, "hello cat"));

        assertThat(group.path("staleLeaves")).extracting(leaf -> leaf.path("leafIndex").asInt())
                .containsExactly(bobsLeaf);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("MLS_GROUP_STALE");
        assertThat(overTheSocket.path("code").asString()).isEqualTo("MLS_GROUP_STALE");
        assertThat(overTheSocket.path("ref").asString()).isEqualTo("m-2");
        assertThat(removed.status()).isEqualTo(201);
        assertThat(sent.status()).isEqualTo(201);
        var after = ann.get("/api/v1/conversations/" + chat + "/mls").body();
        assertThat(after.path("staleLeaves")).isEmpty();
        assertThat(after.path("members")).extracting(leaf -> leaf.path("deviceId").asString() + "@"
                + leaf.path("leafIndex").asInt()).containsExactly("laptop@0", "tablet@" + bobsLeaf);
    }

    @Test
    void aDeviceThatIsGoneLeavesAStaleLeaf() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = e2eeConversation(ann, bob);
        Device annsLaptop = devices.register(ann, "laptop");
        Device bobsPhone = devices.register(bob, "phone");
        devices.groupOf(chat, annsLaptop, bobsPhone);

        assertThat(bob.delete("/api/v1/keys/devices/phone").status()).isEqualTo(204);

        var group = ann.get("/api/v1/conversations/" + chat + "/mls").body();
        assertThat(group.path("staleLeaves")).extracting(leaf -> leaf.path("deviceId").asString())
                .containsExactly("phone");
        assertThat(send(annsLaptop, chat, "m-1", devices.encrypt(annsLaptop, chat, "anyone?")).code())
                .isEqualTo("MLS_GROUP_STALE");
    }
}
