package io.secureconnect.chat.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.time.MutableClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class KeyDirectoryIntegrationTest extends ChatIntegrationTest {

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void concurrentBundleFetchesEachConsumeADistinctOneTimePrekey() throws Exception {
        ChatApi bob = user();
        upload(bob, "phone", 25);
        List<ChatApi> fetchers = users(20);
        bob.createGroup("Key exchange", fetchers.stream().map(ChatApi::userId).toArray(UUID[]::new));

        List<Future<JsonNode>> fetches = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ChatApi fetcher : fetchers) {
                fetches.add(threads.submit(() -> fetcher.get("/api/v1/keys/users/" + bob.userId()).body()));
            }
        }

        Set<Integer> handedOut = new HashSet<>();
        for (Future<JsonNode> fetch : fetches) {
            JsonNode device = fetch.get().path("devices").get(0);
            assertThat(device.path("identityKey").asString()).isEqualTo(key("identity-phone"));
            assertThat(device.path("signedPreKey").path("signature").asString()).isNotBlank();
            handedOut.add(device.path("oneTimePreKey").path("keyId").asInt());
        }
        assertThat(handedOut).hasSize(20);
        assertThat(bob.get("/api/v1/keys/devices/phone").body().path("oneTimePreKeys").asInt()).isEqualTo(5);
    }

    @Test
    void anEmptyPoolStillGivesABundleWithoutAOneTimePrekey() {
        ChatApi bob = user();
        upload(bob, "laptop", 1);
        ChatApi ann = user();
        ann.createDirect(bob.userId());

        JsonNode first = ann.get("/api/v1/keys/users/" + bob.userId()).body().path("devices").get(0);
        JsonNode second = ann.get("/api/v1/keys/users/" + bob.userId()).body().path("devices").get(0);

        assertThat(first.path("oneTimePreKey").isObject()).isTrue();
        assertThat(second.has("oneTimePreKey") && !second.path("oneTimePreKey").isNull()).isFalse();
        assertThat(second.path("signedPreKey").path("keyId").asInt()).isEqualTo(1);
    }

    /** S7: one-time prekeys are handed out only to people the user talks with, a few times an hour, and audited. */
    @Test
    void strangersAndBlockersCannotDrainAUsersPrekeys() {
        ChatApi bob = user();
        upload(bob, "phone", 25);
        ChatApi stranger = user();
        ChatApi partner = user();
        partner.createDirect(bob.userId());

        assertThat(stranger.get("/api/v1/keys/users/" + bob.userId()).status()).isEqualTo(404);
        for (int i = 0; i < 10; i++) {
            assertThat(partner.get("/api/v1/keys/users/" + bob.userId()).status()).isEqualTo(200);
        }
        var eleventh = partner.get("/api/v1/keys/users/" + bob.userId());
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.code()).isEqualTo("RATE_LIMITED");
        assertThat(bob.get("/api/v1/keys/devices/phone").body().path("oneTimePreKeys").asInt())
                .as("only the ten allowed fetches took a prekey").isEqualTo(15);

        ChatApi former = user();
        bob.createDirect(former.userId());
        peers.block(bob.userId(), former.userId());
        assertThat(former.get("/api/v1/keys/users/" + bob.userId()).status()).as("a blocked partner").isEqualTo(404);
    }

    @Test
    void aPartnerMayFetchAgainOnceTheHourHasPassed() {
        ChatApi bob = user();
        upload(bob, "phone", 25);
        ChatApi partner = user();
        partner.createDirect(bob.userId());
        for (int i = 0; i < 10; i++) {
            partner.get("/api/v1/keys/users/" + bob.userId());
        }
        var refused = partner.get("/api/v1/keys/users/" + bob.userId());

        clock.advance(Duration.ofMinutes(61));
        var anHourLater = partner.get("/api/v1/keys/users/" + bob.userId());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(anHourLater.status()).isEqualTo(200);
    }

    @Test
    void theOwnerHearsWhenPrekeysRunLow() {
        ChatApi bob = user();
        upload(bob, "tablet", 12);
        try (var bobSocket = ChatSockets.connect(bob)) {
            ChatApi alice = user();
            alice.createDirect(bob.userId());
            alice.get("/api/v1/keys/users/" + bob.userId());
            alice.get("/api/v1/keys/users/" + bob.userId());

            JsonNode low = bobSocket.next("keys.low");
            assertThat(low.path("deviceId").asString()).isEqualTo("tablet");
            assertThat(low.path("oneTimePreKeys").asInt()).isEqualTo(10);
        }
    }

    @Test
    void uploadsAreValidatedAndAudited() {
        ChatApi bob = user();

        var bad = bob.patch("/api/v1/keys/devices/phone", Map.of());
        var notBase64 = put(bob, "phone", Map.of("identityKey", "not base64!", "signedPreKey",
                Map.of("keyId", 1, "publicKey", key("spk"), "signature", key("sig"))));
        var unknownDevice = bob.get("/api/v1/keys/devices/never-uploaded");
        upload(bob, "phone", 3);

        assertThat(bad.status()).isEqualTo(405);
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(unknownDevice.status()).isEqualTo(404);
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.upload");
            assertThat(event.resource()).isEqualTo("device:" + bob.userId() + "/phone");
        });
    }

    private static void upload(ChatApi owner, String deviceId, int oneTimeKeys) {
        List<Map<String, Object>> oneTime = new ArrayList<>();
        for (int i = 1; i <= oneTimeKeys; i++) {
            oneTime.add(Map.of("keyId", i, "publicKey", key("otpk-" + i)));
        }
        var response = put(owner, deviceId, Map.of("identityKey", key("identity-" + deviceId),
                "signedPreKey", Map.of("keyId", 1, "publicKey", key("spk"), "signature", key("sig")),
                "oneTimePreKeys", oneTime));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("oneTimePreKeys").asInt()).isEqualTo(oneTimeKeys);
    }

    private static ChatApi.Response put(ChatApi owner, String deviceId, Map<String, Object> body) {
        return owner.put("/api/v1/keys/devices/" + deviceId, body);
    }

    private static String key(String seed) {
        return Base64.getEncoder().encodeToString(seed.getBytes());
    }
}
