package io.secureconnect.chat.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSocket;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KeyDirectoryIntegrationTest extends ChatIntegrationTest {

    @Test
    void concurrentBundleFetchesEachConsumeADistinctOneTimePrekey() throws Exception {
        ChatApi bob = user();
        upload(bob, "phone", 25);
        List<ChatApi> fetchers = users(20);

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

        JsonNode first = user().get("/api/v1/keys/users/" + bob.userId()).body().path("devices").get(0);
        JsonNode second = user().get("/api/v1/keys/users/" + bob.userId()).body().path("devices").get(0);

        assertThat(first.path("oneTimePreKey").isObject()).isTrue();
        assertThat(second.has("oneTimePreKey") && !second.path("oneTimePreKey").isNull()).isFalse();
        assertThat(second.path("signedPreKey").path("keyId").asInt()).isEqualTo(1);
    }

    @Test
    void theOwnerHearsWhenPrekeysRunLow() {
        ChatApi bob = user();
        upload(bob, "tablet", 12);
        try (var bobSocket = ChatSocket.connect(bob)) {
            ChatApi alice = user();
            alice.get("/api/v1/keys/users/" + bob.userId());
            alice.get("/api/v1/keys/users/" + bob.userId());

            JsonNode low = bobSocket.await("keys.low");
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
