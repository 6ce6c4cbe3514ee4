package io.secureconnect.chat.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.chat.support.MlsCiphertext;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PushDeliveryIntegrationTest extends PushIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aMemberWithNoOpenSocketGetsExactlyOneFcmPushPerMessage() {
        ChatApi ann = user();
        ChatApi bob = user();
        String bobsPhone = registerDevice(bob, "fcm");
        UUID chat = ann.createDirect(bob.userId());
        int tokenRequests = providers.tokenRequests();

        List<String> sent = List.of(ann.sendText(chat, "m1", "first").body().path("id").asString(),
                ann.sendText(chat, "m2", "second").body().path("id").asString(),
                ann.sendText(chat, "m3", "third").body().path("id").asString());

        await().atMost(WAIT).until(() -> providers.accepted(bobsPhone).size() >= 3);
        awaitPushesSettled();
        var pushes = providers.accepted(bobsPhone);
        assertThat(pushes).hasSize(3);
        assertThat(pushes).map(push -> push.body().path("message").path("data").path("messageId").asString())
                .containsExactlyInAnyOrderElementsOf(sent);
        JsonNode message = pushes.getFirst().body().path("message");
        assertThat(pushes.getFirst().headers().get("authorization")).startsWith("Bearer ya29.test-");
        assertThat(message.path("token").asString()).isEqualTo(bobsPhone);
        assertThat(message.path("notification").path("title").asString()).isEqualTo("New message");
        assertThat(message.path("data").path("conversationId").asString()).isEqualTo(chat.toString());
        assertThat(message.path("data").path("kind").asString()).isEqualTo("message");
        assertThat(pushes).map(push -> push.body().path("message").path("notification").path("body").asString())
                .containsExactlyInAnyOrder("first", "second", "third");
        assertThat(providers.tokenRequests() - tokenRequests).as("the FCM access token is reused").isLessThanOrEqualTo(1);
    }

    @Test
    void aGroupMessageReachesEveryDeviceOfEveryOfflineMemberExactlyOnce() {
        ChatApi ann = user();
        List<ChatApi> crowd = users(30);
        List<String> tokens = crowd.stream().flatMap(member -> Stream.of(
                registerDevice(member, "apns"), registerDevice(member, "fcm"))).toList();
        UUID group = ann.createGroup("crowd", crowd.stream().map(ChatApi::userId).toArray(UUID[]::new));

        ann.sendText(group, "all", "hello crowd");

        await().atMost(WAIT).until(() -> tokens.stream().allMatch(token -> !providers.accepted(token).isEmpty()));
        awaitPushesSettled();
        assertThat(tokens).allSatisfy(token -> assertThat(providers.requests(token)).hasSize(1));
        assertThat(tokens).filteredOn(token -> token.startsWith("apns"))
                .allSatisfy(token -> assertThat(providers.requests(token).getFirst().protocol()).isEqualTo("HTTP/2.0"));
    }

    @Test
    void aMemberWithAnOpenSocketGetsNoPushAndTheSenderNeverDoes() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi carol = user();
        String annsPhone = registerDevice(ann, "fcm");
        String bobsPhone = registerDevice(bob, "fcm");
        String carolsPhone = registerDevice(carol, "fcm");
        UUID group = ann.createGroup("trio", bob.userId(), carol.userId());

        try (var bobOnline = ChatSockets.connect(bob)) {
            ann.sendText(group, "hello", "hello all");
            bobOnline.next("message");

            await().atMost(WAIT).until(() -> providers.accepted(carolsPhone).size() == 1);
            awaitPushesSettled();
        }
        assertThat(providers.requests(bobsPhone)).isEmpty();
        assertThat(providers.requests(annsPhone)).isEmpty();
        assertThat(providers.accepted(carolsPhone).getFirst().body().path("message").path("notification")
                .path("title").asString()).isEqualTo("New message in trio");
    }

    @Test
    void apnsPushesGoOverHttp2WithASignedProviderToken() {
        ChatApi ann = user();
        ChatApi bob = user();
        String bobsIphone = registerDevice(bob, "apns");
        UUID chat = ann.createDirect(bob.userId());

        ann.sendText(chat, "a1", "over http/2");

        await().atMost(WAIT).until(() -> providers.accepted(bobsIphone).size() == 1);
        var push = providers.accepted(bobsIphone).getFirst();
        assertThat(push.protocol()).isEqualTo("HTTP/2.0");
        assertThat(push.headers()).containsEntry("apns-topic", PushProviderStub.TOPIC)
                .containsEntry("apns-push-type", "alert");
        assertThat(push.body().path("aps").path("alert").path("body").asString()).isEqualTo("over http/2");
        assertThat(push.body().path("conversationId").asString()).isEqualTo(chat.toString());
    }

    @Test
    void webPushesAreSignedWithVapidAndOnlyTheBrowserCanReadThem() {
        ChatApi ann = user();
        ChatApi bob = user();
        String browser = registerDevice(bob, "webpush");
        UUID chat = ann.createDirect(bob.userId());

        ann.sendText(chat, "w", "to the browser");

        await().atMost(WAIT).until(() -> providers.accepted(browser).size() == 1);
        var push = providers.accepted(browser).getFirst();
        assertThat(push.headers()).containsEntry("content-encoding", "aes128gcm");
        assertThat(push.body().path("body").asString()).isEqualTo("to the browser");
        assertThat(push.body().path("data").path("conversationId").asString()).isEqualTo(chat.toString());
    }

    @Test
    void anE2eeConversationsPushCarriesNoContent() {
        ChatApi ann = user();
        ChatApi bob = user();
        String bobsPhone = registerDevice(bob, "fcm");
        String bobsIphone = registerDevice(bob, "apns");
        String bobsBrowser = registerDevice(bob, "webpush");
        var created = ann.post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(bob.userId()), "e2ee", true));
        UUID chat = UUID.fromString(created.body().path("id").asString());
        String ciphertext = MlsCiphertext.applicationMessage(chat);

        var sent = ann.post("/api/v1/conversations/" + chat + "/messages",
                Map.of("clientId", "e1", "type", "e2ee", "body", ciphertext));

        assertThat(sent.status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> providers.accepted(bobsPhone).size() == 1 && providers.accepted(bobsIphone).size() == 1
                && providers.accepted(bobsBrowser).size() == 1);
        assertThat(providers.accepted(bobsBrowser).getFirst().rawBody()).doesNotContain(ciphertext);
        assertThat(providers.accepted(bobsBrowser).getFirst().body().has("body")).isFalse();
        var fcm = providers.accepted(bobsPhone).getFirst();
        var apns = providers.accepted(bobsIphone).getFirst();
        assertThat(fcm.rawBody()).doesNotContain(ciphertext);
        assertThat(apns.rawBody()).doesNotContain(ciphertext);
        assertThat(fcm.body().path("message").path("notification").has("body")).isFalse();
        assertThat(apns.body().path("aps").path("alert").has("body")).isFalse();
        assertThat(fcm.body().path("message").path("data").path("messageId").asString())
                .isEqualTo(sent.body().path("id").asString());
    }

    @Test
    void aTokenTheProviderRejectsAsUnregisteredIsRemoved() {
        ChatApi ann = user();
        ChatApi bob = user();
        String uninstalled = registerDevice(bob, "fcm");
        String alsoUninstalled = registerDevice(bob, "apns");
        String unsubscribed = registerDevice(bob, "webpush");
        providers.unregister(uninstalled);
        providers.unregister(alsoUninstalled);
        providers.unregister(unsubscribed);
        double fcmBefore = failedCount("fcm", "unregistered");
        double apnsBefore = failedCount("apns", "unregistered");
        UUID chat = ann.createDirect(bob.userId());

        ann.sendText(chat, "x", "anyone there?");

        await().atMost(WAIT).until(() -> bob.get("/api/v1/devices").body().path("items").isEmpty());
        assertThat(providers.requests(uninstalled)).hasSize(1);
        assertThat(providers.requests(alsoUninstalled)).hasSize(1);
        assertThat(providers.requests(unsubscribed)).hasSize(1);
        assertThat(failedCount("fcm", "unregistered")).isEqualTo(fcmBefore + 1);
        assertThat(failedCount("apns", "unregistered")).isEqualTo(apnsBefore + 1);
    }

    @Test
    void aProviderErrorIsRetriedWithBackoffAndCountedAsFailedAfterTheLastTry() {
        ChatApi ann = user();
        ChatApi bob = user();
        String flaky = registerDevice(bob, "fcm");
        String down = registerDevice(bob, "apns");
        providers.answer(flaky, 503, 500);
        providers.answer(down, 503, 503, 503);
        double sentBefore = sentCount("fcm");
        double failedBefore = failedCount("apns", "unavailable");
        double apnsBefore = sentCount("apns");
        UUID chat = ann.createDirect(bob.userId());

        ann.sendText(chat, "r", "eventually");

        await().atMost(WAIT).until(() -> providers.accepted(flaky).size() == 1 && providers.requests(down).size() == 3);
        awaitPushesSettled();
        assertThat(providers.requests(flaky)).map(PushProviderStub.Received::status).containsExactly(503, 500, 200);
        assertThat(providers.requests(down)).map(PushProviderStub.Received::status).containsExactly(503, 503, 503);
        assertThat(sentCount("fcm")).isGreaterThanOrEqualTo(sentBefore + 1);
        assertThat(failedCount("apns", "unavailable")).isEqualTo(failedBefore + 1);
        assertThat(sentCount("apns")).as("a failed push counts in the total too").isEqualTo(apnsBefore + 1);
        assertThat(bob.get("/api/v1/devices").body().path("items")).hasSize(2);
    }

    @Test
    void aTestPushReachesTheChosenDevice() {
        ChatApi ann = user();
        String token = registerDevice(ann, "apns");
        String id = ann.get("/api/v1/devices").body().path("items").get(0).path("id").asString();

        var response = ann.post("/api/v1/devices/" + id + "/test", Map.of());

        assertThat(response.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> providers.accepted(token).size() == 1);
        assertThat(providers.accepted(token).getFirst().body().path("kind").asString()).isEqualTo("test");
    }

    @Test
    void pushMetricsAreExportedByName() {
        ChatApi ann = user();
        ChatApi bob = user();
        String token = registerDevice(bob, "fcm");
        providers.unregister(token);
        ann.sendText(ann.createDirect(bob.userId()), "m", "metrics");
        await().atMost(WAIT).until(() -> providers.requests(token).size() == 1);
        awaitPushesSettled();

        String metrics = ann.get("/metrics").raw().body();

        assertThat(metrics).containsPattern("(?m)^push_notifications_failed_total\\{[^}]*provider=\"fcm\"[^}]*reason=\"unregistered\"");
        assertThat(metrics).contains("push_queue_size");
    }
}
