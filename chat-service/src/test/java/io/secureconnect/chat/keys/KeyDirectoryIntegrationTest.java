package io.secureconnect.chat.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import io.secureconnect.chat.mlswire.KeyPackageMessage;
import io.secureconnect.chat.mlswire.MlsWire;
import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.mls.MlsTestClient;
import io.secureconnect.testsupport.time.MutableClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The MLS key directory (docs/e2ee.md, "Devices and credentials" and "KeyPackages") with KeyPackages made by a real
 * MLS client (ts-mls): credentials signed for the caller only, uploads that must be the device's own packages,
 * claims that hand each package out once, and S7: a user's devices and packages go only to people who share a
 * conversation with them, without a block, a limited number of times an hour, each time audited.
 */
class KeyDirectoryIntegrationTest extends ChatIntegrationTest {

    @RegisterExtension
    static final MlsTestClient mls = MlsTestClient.perTestClass();

    @Autowired
    MutableClock clock;

    @Autowired
    KeyDirectory directory;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    /** A device as both sides know it: registered with chat-service, and held by the MLS client as {@code name}. */
    private record TestDevice(ChatApi owner, String deviceId, String name, byte[] signatureKey, String credential) {
    }

    @Test
    void aDeviceGetsACredentialSignedForItsUserAndKeyAndKeepsIt() throws Exception {
        ChatApi ann = user();
        TestDevice phone = register(ann, "phone");

        SignedJWT credential = SignedJWT.parse(phone.credential());
        JWKSet issuer = JWKSet.parse(ann.get("/api/v1/keys/credential-issuer").body().toString());
        ECKey key = (ECKey) issuer.getKeyByKeyId(credential.getHeader().getKeyID());
        var again = ann.put("/api/v1/keys/devices/phone", Map.of("signatureKey", base64(phone.signatureKey())));
        var anotherKey = ann.put("/api/v1/keys/devices/phone", Map.of("signatureKey", base64(new byte[32])));
        var shortKey = ann.put("/api/v1/keys/devices/tablet", Map.of("signatureKey", base64(new byte[31])));

        assertThat(credential.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(credential.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        var claims = credential.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(ann.userId().toString());
        assertThat(claims.getStringClaim("dev")).isEqualTo("phone");
        assertThat(claims.getStringClaim("sig"))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(phone.signatureKey()));
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("credential").asString()).as("the same device").isEqualTo(phone.credential());
        assertThat(anotherKey.status()).isEqualTo(409);
        assertThat(anotherKey.code()).isEqualTo("DEVICE_KEY_MISMATCH");
        assertThat(shortKey.status()).isEqualTo(400);
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.device.register");
            assertThat(event.resource()).isEqualTo("device:" + ann.userId() + "/phone");
        });
    }

    @Test
    void concurrentClaimsHandEachKeyPackageOutOnceThenTheLastResortOne() throws Exception {
        ChatApi bob = user();
        TestDevice phone = register(bob, "phone");
        var made = mls.keyPackages(phone.name(), identity(phone), 4, true);
        assertThat(upload(phone, made.keyPackages(), made.lastResort()).body().path("available").asInt()).isEqualTo(4);
        List<ChatApi> claimers = users(12);
        UUID conversation = e2eeGroup(bob, claimers);

        List<Future<ChatApi.Response>> claims = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ChatApi claimer : claimers) {
                claims.add(threads.submit(() -> claim(claimer, conversation, null, bob.userId())));
            }
        }

        List<String> oneTime = new ArrayList<>();
        List<String> lastResort = new ArrayList<>();
        for (Future<ChatApi.Response> claim : claims) {
            ChatApi.Response response = claim.get();
            assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
            JsonNode handedOut = response.body().path("keyPackages");
            assertThat(handedOut.size()).isEqualTo(1);
            assertThat(handedOut.get(0).path("deviceId").asString()).isEqualTo("phone");
            (handedOut.get(0).path("lastResort").asBoolean() ? lastResort : oneTime)
                    .add(handedOut.get(0).path("keyPackage").asString());
        }
        assertThat(oneTime).as("each one-time package handed out once").hasSize(4)
                .containsExactlyInAnyOrderElementsOf(made.keyPackages());
        assertThat(lastResort).hasSize(8).containsOnly(made.lastResort());
        assertThat(bob.get("/api/v1/keys/devices/phone").body().path("keyPackages").asInt()).isZero();
        assertThat(bob.get("/api/v1/keys/devices/phone").body().path("lastResort").asBoolean()).as("kept").isTrue();
    }

    @Test
    void aClaimGivesOnePackageOfEachOtherDeviceAndRemembersItForTheConversation() {
        ChatApi ann = user();
        ChatApi bob = user();
        TestDevice annPhone = withPackages(register(ann, "phone"), 2);
        TestDevice annLaptop = withPackages(register(ann, "laptop"), 2);
        withPackages(register(bob, "phone"), 2);
        UUID conversation = e2eeGroup(ann, List.of(bob));

        var claimed = claim(ann, conversation, annPhone.deviceId(), ann.userId(), bob.userId());

        assertThat(claimed.status()).as(claimed.body().toString()).isEqualTo(200);
        List<String> devices = claimed.body().path("keyPackages").valueStream()
                .map(one -> one.path("userId").asString() + "/" + one.path("deviceId").asString()).toList();
        assertThat(devices).as("the claiming device is left out")
                .containsExactlyInAnyOrder(ann.userId() + "/laptop", bob.userId() + "/phone");
        JsonNode laptops = claimed.body().path("keyPackages").valueStream()
                .filter(one -> one.path("deviceId").asString().equals("laptop")).findFirst().orElseThrow();
        String ref = MlsWire.readBase64(laptops.path("keyPackage").asString(), KeyPackageMessage.class).ref();
        assertThat(directory.claimedFor(ref, conversation)).hasValueSatisfying(claim -> {
            assertThat(claim.userId()).isEqualTo(ann.userId());
            assertThat(claim.deviceId()).isEqualTo(annLaptop.deviceId());
            assertThat(claim.claimedBy()).isEqualTo(ann.userId());
        });
        assertThat(directory.claimedFor(ref, UUID.randomUUID())).as("claimed for that conversation only").isEmpty();
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.claim");
            assertThat(event.resource()).isEqualTo("user:" + bob.userId());
        });
    }

    @Test
    void aClaimByDevicesHandsOutPackagesOfExactlyThoseDevices() {
        ChatApi ann = user();
        ChatApi bob = user();
        TestDevice annPhone = withPackages(register(ann, "phone"), 2);
        TestDevice annLaptop = withPackages(register(ann, "laptop"), 2);
        TestDevice bobPhone = withPackages(register(bob, "phone"), 2);
        TestDevice bobTablet = withPackages(register(bob, "tablet"), 2);
        UUID conversation = e2eeGroup(ann, List.of(bob));

        var claimed = claimDevices(ann, conversation, annPhone.deviceId(),
                bobTablet, annLaptop, annPhone, new TestDevice(bob, "gone", "", new byte[0], ""), bobTablet);

        assertThat(claimed.status()).as(claimed.body().toString()).isEqualTo(200);
        assertThat(claimed.body().path("keyPackages").valueStream()
                .map(one -> one.path("userId").asString() + "/" + one.path("deviceId").asString()).toList())
                .as("the devices named, once each; not the claiming one, nor one its user does not have")
                .containsExactlyInAnyOrder(bob.userId() + "/tablet", ann.userId() + "/laptop");
        assertThat(stock(bobPhone)).as("a device not named keeps its packages").isEqualTo(2);
        assertThat(stock(bobTablet)).isEqualTo(1);
        assertThat(stock(annLaptop)).isEqualTo(1);
        assertThat(stock(annPhone)).isEqualTo(2);
        JsonNode tablets = claimed.body().path("keyPackages").valueStream()
                .filter(one -> one.path("deviceId").asString().equals("tablet")).findFirst().orElseThrow();
        String ref = MlsWire.readBase64(tablets.path("keyPackage").asString(), KeyPackageMessage.class).ref();
        assertThat(directory.claimedFor(ref, conversation)).hasValueSatisfying(claim -> {
            assertThat(claim.deviceId()).isEqualTo("tablet");
            assertThat(claim.claimedBy()).isEqualTo(ann.userId());
        });
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.claim");
            assertThat(event.resource()).isEqualTo("user:" + bob.userId());
            assertThat(event.reason()).isEqualTo("1 key packages for conversation " + conversation);
        });
    }

    /** S7 as for a claim by users: members of that e2ee conversation, no block, a limit per pair and hour. */
    @Test
    void aClaimByDevicesKeepsTheRulesOfAClaimByUsers() {
        ChatApi bob = user();
        TestDevice bobPhone = withPackages(register(bob, "phone"), 1);
        TestDevice bobTablet = withPackages(register(bob, "tablet"), 1);
        ChatApi partner = user();
        UUID shared = e2eeGroup(partner, List.of(bob));
        ChatApi stranger = user();
        UUID strangersOwn = e2eeGroup(stranger, List.of(user()));
        ChatApi former = user();
        UUID withFormer = e2eeGroup(former, List.of(bob));
        peers.block(bob.userId(), former.userId());
        UUID plain = partner.createGroup("Plain", bob.userId());

        var strangerThere = claimDevices(stranger, shared, null, bobPhone);
        var notAMemberThere = claimDevices(stranger, strangersOwn, null, bobPhone);
        var blocked = claimDevices(former, withFormer, null, bobPhone);
        var notE2ee = claimDevices(partner, plain, null, bobPhone);
        var both = partner.post("/api/v1/keys/key-packages/claim", Map.of("conversationId", shared,
                "userIds", List.of(bob.userId()), "devices", List.of(Map.of("userId", bob.userId(), "deviceId", "phone"))));
        var neither = partner.post("/api/v1/keys/key-packages/claim", Map.of("conversationId", shared));
        var badDeviceId = partner.post("/api/v1/keys/key-packages/claim", Map.of("conversationId", shared,
                "devices", List.of(Map.of("userId", bob.userId(), "deviceId", "no spaces"))));
        var noUser = partner.post("/api/v1/keys/key-packages/claim", Map.of("conversationId", shared,
                "devices", List.of(Map.of("deviceId", "phone"))));
        List<Integer> within = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            within.add(claimDevices(partner, shared, null, bobPhone, bobTablet).status());
        }
        var over = claimDevices(partner, shared, null, bobTablet);

        assertThat(strangerThere.status()).isEqualTo(404);
        assertThat(strangerThere.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(notAMemberThere.status()).as("bob is no member there").isEqualTo(404);
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.code()).isEqualTo("USER_BLOCKED");
        assertThat(notE2ee.status()).isEqualTo(409);
        assertThat(notE2ee.code()).isEqualTo("NOT_E2EE");
        assertThat(List.of(both, neither, badDeviceId, noUser)).allSatisfy(refused ->
                assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400));
        assertThat(within).as("one request naming two of bob's devices counts once").containsOnly(200);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.code()).isEqualTo("RATE_LIMITED");
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.claim");
            assertThat(event.result().name()).isEqualTo("DENIED");
            assertThat(event.reason()).isEqualTo("blocked (conversation " + withFormer + ")");
        });
    }

    /**
     * A new device is announced when its first KeyPackages are uploaded, not when it registers: a member who adds
     * it at once finds a package to claim. Its owner's other devices hear it too (they usually add it); a re-upload
     * or a registration again is no new device.
     */
    @Test
    void aDeviceIsAnnouncedOnceWhenItsFirstKeyPackagesAreUploaded() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi stranger = user();
        ann.createDirect(bob.userId());
        ChatApi annElsewhere = new ChatApi(port, ann.userId(),
                TestTokens.forUser(ann.userId()).sessionId(UUID.randomUUID()).mint());
        try (var bobSocket = ChatSockets.connect(bob);
             var annsOtherDevice = ChatSockets.connect(annElsewhere);
             var strangerSocket = ChatSockets.connect(stranger)) {
            TestDevice laptop = register(ann, "laptop");
            register(ann, "tablet");
            var again = ann.put("/api/v1/keys/devices/laptop", Map.of("signatureKey", base64(laptop.signatureKey())));
            withPackages(laptop, 2);
            withPackages(laptop, 2);

            for (var socket : List.of(bobSocket, annsOtherDevice)) {
                JsonNode added = socket.next("keys.changed");
                assertThat(added.path("userId").asString()).isEqualTo(ann.userId().toString());
                assertThat(added.path("deviceId").asString()).as("not the tablet: it has no packages yet")
                        .isEqualTo("laptop");
                assertThat(added.path("change").asString()).isEqualTo("added");
                assertThat(socket.takeAll("keys.changed", Duration.ofSeconds(1))).as("announced once").isEmpty();
            }
            assertThat(again.status()).isEqualTo(200);
            assertThat(strangerSocket.takeAll("keys.changed", Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void anUploadMustBeWellFormedKeyPackagesOfTheDeviceItself() {
        ChatApi ann = user();
        TestDevice phone = register(ann, "phone");
        TestDevice laptop = register(ann, "laptop");
        String othersCredential = mls.keyPackages(phone.name(), identity(laptop), 1, false).keyPackages().getFirst();
        mls.newDevice(ann.userId() + ":impostor");
        String foreignKey = mls.keyPackages(ann.userId() + ":impostor", identity(phone), 1, false).keyPackages().getFirst();
        byte[] ownPackage = Base64.getDecoder().decode(mls.keyPackages(phone.name(), identity(phone), 1, false)
                .keyPackages().getFirst());
        byte[] otherSuite = ownPackage.clone();
        otherSuite[7] = 3; // MLSMessage version and wire format, KeyPackage version, then its cipher suite
        String notAKeyPackage = mls.commit(phone.name(), createdGroup(phone), List.of(), List.of()).commit();

        var credentialOfAnotherDevice = upload(phone, List.of(othersCredential), null);
        var signedByAnotherKey = upload(phone, List.of(foreignKey), null);
        var cipherSuite3 = upload(phone, List.of(base64(otherSuite)), null);
        var commit = upload(phone, List.of(notAKeyPackage), null);
        var garbage = upload(phone, List.of(base64("not an MLS message".getBytes(StandardCharsets.UTF_8))), null);
        var notBase64 = upload(phone, List.of("not base64!"), null);
        var noDevice = ann.post("/api/v1/keys/devices/never-registered/key-packages",
                Map.of("keyPackages", List.of(base64(ownPackage))));
        var fine = upload(phone, List.of(base64(ownPackage)), null);

        assertThat(List.of(credentialOfAnotherDevice, signedByAnotherKey, cipherSuite3, commit))
                .allSatisfy(refused -> {
                    assertThat(refused.status()).isEqualTo(400);
                    assertThat(refused.code()).isEqualTo("INVALID_KEY_PACKAGE");
                });
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.code()).isEqualTo("INVALID_MLS_MESSAGE");
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(noDevice.status()).isEqualTo(404);
        assertThat(noDevice.code()).isEqualTo("DEVICE_NOT_FOUND");
        assertThat(fine.status()).as(fine.body().toString()).isEqualTo(200);
        assertThat(fine.body().path("available").asInt()).as("nothing of the refused uploads was kept").isEqualTo(1);
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.upload");
            assertThat(event.resource()).isEqualTo("device:" + ann.userId() + "/phone");
        });
    }

    /** S7: a user's devices and packages go only to the people they talk with, a few times an hour, audited. */
    @Test
    void strangersAndBlockedUsersGetNeitherDevicesNorKeyPackages() {
        ChatApi bob = user();
        withPackages(register(bob, "phone"), 1);
        ChatApi stranger = user();
        UUID strangersOwn = e2eeGroup(stranger, List.of(user()));
        ChatApi partner = user();
        UUID shared = e2eeGroup(partner, List.of(bob));
        ChatApi former = user();
        UUID withFormer = e2eeGroup(former, List.of(bob));
        peers.block(bob.userId(), former.userId());

        var strangerLooks = stranger.get("/api/v1/keys/users/" + bob.userId());
        var strangerClaimsThere = claim(stranger, shared, null, bob.userId());
        var strangerClaimsInOwn = claim(stranger, strangersOwn, null, bob.userId());
        var blockedLooks = former.get("/api/v1/keys/users/" + bob.userId());
        var blockedClaims = claim(former, withFormer, null, bob.userId());
        var partnerLooks = partner.get("/api/v1/keys/users/" + bob.userId());

        assertThat(strangerLooks.status()).isEqualTo(404);
        assertThat(strangerClaimsThere.status()).isEqualTo(404);
        assertThat(strangerClaimsThere.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(strangerClaimsInOwn.status()).as("bob is no member there").isEqualTo(404);
        assertThat(blockedLooks.status()).isEqualTo(404);
        assertThat(blockedClaims.status()).isEqualTo(403);
        assertThat(blockedClaims.code()).isEqualTo("USER_BLOCKED");
        assertThat(partnerLooks.status()).isEqualTo(200);
        assertThat(partnerLooks.body().path("devices").get(0).path("deviceId").asString()).isEqualTo("phone");
        assertThat(bob.get("/api/v1/keys/devices/phone").body().path("keyPackages").asInt())
                .as("no refused claim took a package").isEqualTo(1);
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.fetch");
            assertThat(event.result().name()).isEqualTo("DENIED");
            assertThat(event.reason()).isEqualTo("no shared conversation");
        });
    }

    @Test
    void claimsOfOneUsersPackagesAreLimitedPerHourAndAllowedAgainAfterIt() {
        ChatApi bob = user();
        withPackages(register(bob, "phone"), 1);
        ChatApi partner = user();
        UUID shared = e2eeGroup(partner, List.of(bob));
        ChatApi other = user();
        UUID othersGroup = e2eeGroup(other, List.of(bob));
        for (int i = 0; i < 30; i++) {
            assertThat(claim(partner, shared, null, bob.userId()).status()).isEqualTo(200);
        }

        var refused = claim(partner, shared, null, bob.userId());
        var someoneElse = claim(other, othersGroup, null, bob.userId());
        clock.advance(Duration.ofMinutes(61));
        var anHourLater = claim(partner, shared, null, bob.userId());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(someoneElse.status()).as("the limit is per pair").isEqualTo(200);
        assertThat(anHourLater.status()).isEqualTo(200);
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.claim");
            assertThat(event.result().name()).isEqualTo("DENIED");
        });
    }

    @Test
    void theOwnerHearsWhenKeyPackagesRunLow() {
        ChatApi bob = user();
        withPackages(register(bob, "tablet"), 11);
        ChatApi alice = user();
        UUID shared = e2eeGroup(alice, List.of(bob));
        try (var bobSocket = ChatSockets.connect(bob)) {
            claim(alice, shared, null, bob.userId());
            claim(alice, shared, null, bob.userId());

            JsonNode low = bobSocket.next("keys.low");
            assertThat(low.path("deviceId").asString()).isEqualTo("tablet");
            assertThat(low.path("keyPackages").asInt()).isEqualTo(9);
        }
    }

    @Test
    void keyPackagesAreClaimedOnlyForEndToEndEncryptedConversations() {
        ChatApi bob = user();
        withPackages(register(bob, "phone"), 1);
        ChatApi alice = user();
        UUID plain = alice.createGroup("Plain", bob.userId());

        var claimed = claim(alice, plain, null, bob.userId());

        assertThat(claimed.status()).isEqualTo(409);
        assertThat(claimed.code()).isEqualTo("NOT_E2EE");
    }

    private TestDevice register(ChatApi owner, String deviceId) {
        String name = owner.userId() + ":" + deviceId;
        byte[] signatureKey = mls.newDevice(name);
        var registered = owner.put("/api/v1/keys/devices/" + deviceId, Map.of("signatureKey", base64(signatureKey)));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        assertThat(registered.body().path("signatureKey").asString()).isEqualTo(base64(signatureKey));
        return new TestDevice(owner, deviceId, name, signatureKey, registered.body().path("credential").asString());
    }

    private TestDevice withPackages(TestDevice device, int count) {
        var made = mls.keyPackages(device.name(), identity(device), count, true);
        var uploaded = upload(device, made.keyPackages(), made.lastResort());
        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(200);
        return device;
    }

    private byte[] createdGroup(TestDevice device) {
        byte[] groupId = MlsTestClient.groupId(UUID.randomUUID());
        mls.createGroup(device.name(), groupId);
        return groupId;
    }

    private static ChatApi.Response upload(TestDevice device, List<String> keyPackages, String lastResort) {
        Map<String, Object> body = lastResort == null ? Map.of("keyPackages", keyPackages)
                : Map.of("keyPackages", keyPackages, "lastResort", lastResort);
        return device.owner().post("/api/v1/keys/devices/" + device.deviceId() + "/key-packages", body);
    }

    private static ChatApi.Response claim(ChatApi claimer, UUID conversationId, String deviceId, UUID... userIds) {
        Map<String, Object> body = deviceId == null
                ? Map.of("conversationId", conversationId, "userIds", List.of(userIds))
                : Map.of("conversationId", conversationId, "userIds", List.of(userIds), "deviceId", deviceId);
        return claimer.post("/api/v1/keys/key-packages/claim", body);
    }

    /** Claims a package of each of {@code devices} (by user and device id) for the conversation. */
    private static ChatApi.Response claimDevices(ChatApi claimer, UUID conversationId, String deviceId,
                                                 TestDevice... devices) {
        Map<String, Object> body = new HashMap<>();
        body.put("conversationId", conversationId);
        body.put("devices", Arrays.stream(devices)
                .map(device -> Map.of("userId", device.owner().userId(), "deviceId", device.deviceId())).toList());
        if (deviceId != null) {
            body.put("deviceId", deviceId);
        }
        return claimer.post("/api/v1/keys/key-packages/claim", body);
    }

    private static int stock(TestDevice device) {
        return device.owner().get("/api/v1/keys/devices/" + device.deviceId()).body().path("keyPackages").asInt();
    }

    private static UUID e2eeGroup(ChatApi owner, List<ChatApi> members) {
        var created = owner.post("/api/v1/conversations", Map.of("type", "group", "name", "Sealed", "e2ee", true,
                "memberIds", members.stream().map(ChatApi::userId).toList()));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return UUID.fromString(created.body().path("id").asString());
    }

    private static byte[] identity(TestDevice device) {
        return device.credential().getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
