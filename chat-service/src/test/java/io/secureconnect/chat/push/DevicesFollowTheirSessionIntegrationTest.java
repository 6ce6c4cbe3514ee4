package io.secureconnect.chat.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.common.events.RevokedSessionEvents.Revocation;
import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.redis.RedisSubscription;
import io.secureconnect.testsupport.jwt.TestTokens;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18, S5: push devices and MLS devices belong to the session that registered them and go when it ends
 * (auth-service announces it); every device goes when all sessions end (logout everywhere, reset, ban, deletion).
 * Users list and delete their MLS devices, and peers hear {@code keys.changed} when a device goes (a new one is
 * announced once its first KeyPackages are uploaded: KeyDirectoryIntegrationTest).
 */
class DevicesFollowTheirSessionIntegrationTest extends PushIntegrationTest {

    @Autowired
    RevokedSessionEvents announcements;

    @Autowired
    @Qualifier("revokedSessions")
    RedisSubscription subscription;

    @BeforeEach
    void subscribed() {
        await().atMost(Duration.ofSeconds(30)).until(subscription::isListening);
    }

    @Test
    void theDevicesOfAnEndedSessionGoAndThoseOfOtherSessionsStay() {
        UUID userId = UUID.randomUUID();
        UUID phoneSession = UUID.randomUUID();
        ChatApi phone = new ChatApi(port, userId, TestTokens.forUser(userId).sessionId(phoneSession).mint());
        ChatApi laptop = new ChatApi(port, userId, TestTokens.forUser(userId).sessionId(UUID.randomUUID()).mint());
        ChatApi bob = user();
        bob.createDirect(userId);
        registerDevice(phone, "fcm");
        registerDevice(laptop, "apns");
        registerKeyDevice(phone, "phone");
        registerKeyDevice(laptop, "laptop");

        try (var bobSocket = ChatSockets.connect(bob)) {
            announcements.announce(new Revocation(userId, List.of(phoneSession), false));

            JsonNode changed = bobSocket.next("keys.changed");
            assertThat(changed.path("userId").asString()).isEqualTo(userId.toString());
            assertThat(changed.path("deviceId").asString()).isEqualTo("phone");
            assertThat(changed.path("change").asString()).isEqualTo("removed");
        }
        // each feature drops its own devices as it hears the revocation: the push devices may go just after
        await().atMost(Duration.ofSeconds(10)).until(() -> platforms(laptop).equals(List.of("apns")));
        assertThat(keyDevices(laptop)).containsExactly("laptop");
        assertThat(audit.all()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("chat.keys.device.remove");
            assertThat(event.reason()).isEqualTo("session ended");
        });
    }

    @Test
    void whenEverySessionEndsEveryDeviceGoes() {
        ChatApi ann = user();
        registerDevice(ann, "fcm");
        registerKeyDevice(ann, "tablet");

        announcements.announce(new Revocation(ann.userId(), List.of(), true));

        await().atMost(Duration.ofSeconds(10)).until(() -> platforms(ann).isEmpty() && keyDevices(ann).isEmpty());
    }

    @Test
    void usersListAndRemoveTheirKeyDevicesAndPeersHearOfIt() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi stranger = user();
        ann.createDirect(bob.userId());
        String phoneKey = registerKeyDevice(ann, "phone");

        var listed = ann.get("/api/v1/keys/devices");
        var someoneElses = stranger.delete("/api/v1/keys/devices/phone");
        try (var bobSocket = ChatSockets.connect(bob)) {
            registerKeyDevice(ann, "laptop"); // no KeyPackages yet: nothing to add, nothing announced

            var removed = ann.delete("/api/v1/keys/devices/phone");

            assertThat(removed.status()).isEqualTo(204);
            JsonNode changed = bobSocket.next("keys.changed");
            assertThat(changed.path("change").asString()).isEqualTo("removed");
            assertThat(changed.path("deviceId").asString()).isEqualTo("phone");
        }
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("items").get(0).path("deviceId").asString()).isEqualTo("phone");
        assertThat(listed.body().path("items").get(0).path("signatureKey").asString()).isEqualTo(phoneKey);
        assertThat(someoneElses.status()).isEqualTo(404);
        assertThat(ann.delete("/api/v1/keys/devices/phone").status()).isEqualTo(404);
        assertThat(keyDevices(ann)).containsExactly("laptop");
    }

    private static List<String> platforms(ChatApi user) {
        return user.get("/api/v1/devices").body().path("items").valueStream()
                .map(device -> device.path("platform").asString()).toList();
    }

    private static List<String> keyDevices(ChatApi user) {
        return user.get("/api/v1/keys/devices").body().path("items").valueStream()
                .map(device -> device.path("deviceId").asString()).toList();
    }

    /** Registers an MLS device with a new signature key (32 random bytes: the directory keeps it, never uses it). */
    private static String registerKeyDevice(ChatApi owner, String deviceId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String signatureKey = Base64.getEncoder().encodeToString(key);
        var response = owner.put("/api/v1/keys/devices/" + deviceId, Map.of("signatureKey", signatureKey));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return signatureKey;
    }
}
