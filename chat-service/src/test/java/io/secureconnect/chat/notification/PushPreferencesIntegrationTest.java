package io.secureconnect.chat.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.push.PushIntegrationTest;
import io.secureconnect.chat.support.ChatApi;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mutes and preferences decide pushes. Each test has a witness (Carol) whose push comes from the same message as
 * the one that must not be sent: once hers has arrived and nothing is pending, the decision about Bob was made.
 */
class PushPreferencesIntegrationTest extends PushIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aMentionedMemberGetsOnePushOfKindMentionNotTwo() {
        ChatApi ann = user();
        ChatApi bob = user();
        String phone = registerDevice(bob, "fcm");
        UUID group = ann.createGroup("g", bob.userId());

        ann.sendText(group, "m", "@" + bob.userId() + " ping");

        await().atMost(WAIT).until(() -> providers.accepted(phone).size() == 1);
        awaitPushesSettled();
        assertThat(providers.accepted(phone)).hasSize(1);
        JsonNode push = providers.accepted(phone).getFirst().body().path("message");
        assertThat(push.path("data").path("kind").asString()).isEqualTo("mention");
        assertThat(push.path("notification").path("title").asString()).isEqualTo("You were mentioned in g");
    }

    @Test
    void aMutedConversationPushesNothingUntilUnmutedButTheInboxStillRecords() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi carol = user();
        String bobsPhone = registerDevice(bob, "fcm");
        String carolsPhone = registerDevice(carol, "fcm");
        UUID group = ann.createGroup("noisy", bob.userId(), carol.userId());

        var muted = bob.put("/api/v1/notifications/mutes/" + group, Map.of("until", Instant.now().plusSeconds(3600).toString()));
        ann.sendText(group, "m1", "@" + bob.userId() + " while muted");

        assertThat(muted.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> providers.accepted(carolsPhone).size() == 1);
        awaitPushesSettled();
        assertThat(providers.requests(bobsPhone)).isEmpty();
        assertThat(bob.get("/api/v1/notifications").body().path("items")).hasSize(1);
        assertThat(bob.get("/api/v1/notifications/mutes").body().path("items").get(0).path("conversationId").asString())
                .isEqualTo(group.toString());

        var unmuted = bob.delete("/api/v1/notifications/mutes/" + group);
        ann.sendText(group, "m2", "after unmuting");

        assertThat(unmuted.status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> providers.accepted(bobsPhone).size() == 1);
    }

    @Test
    void aKindWhosePushIsOffOnlyShowsInTheInbox() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi carol = user();
        String bobsPhone = registerDevice(bob, "fcm");
        String carolsPhone = registerDevice(carol, "fcm");
        UUID group = ann.createGroup("quiet", bob.userId(), carol.userId());

        var preferences = bob.put("/api/v1/notifications/preferences", Map.of("push", Map.of("mention", false)));
        ann.sendText(group, "m", "@" + bob.userId() + " inbox only");

        assertThat(preferences.status()).isEqualTo(200);
        assertThat(preferences.body().path("push").path("mention").asBoolean()).isFalse();
        assertThat(preferences.body().path("push").path("message").asBoolean()).isTrue();
        await().atMost(WAIT).until(() -> providers.accepted(carolsPhone).size() == 1);
        awaitPushesSettled();
        assertThat(providers.requests(bobsPhone)).isEmpty();
        assertThat(bob.get("/api/v1/notifications").body().path("items").get(0).path("kind").asString()).isEqualTo("mention");
    }

    @Test
    void preferencesAndMutesRefuseWhatMakesNoSense() {
        ChatApi ann = user();
        ChatApi outsider = user();
        UUID chat = ann.createDirect(user().userId());

        var unknownKind = ann.put("/api/v1/notifications/preferences", Map.of("push", Map.of("gossip", true)));
        var past = ann.put("/api/v1/notifications/mutes/" + chat, Map.of("until", "2020-01-01T00:00:00Z"));
        var notMember = outsider.put("/api/v1/notifications/mutes/" + chat, Map.of());
        var forever = ann.put("/api/v1/notifications/mutes/" + chat, Map.of());
        var defaults = outsider.get("/api/v1/notifications/preferences");

        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(past.status()).isEqualTo(400);
        assertThat(notMember.status()).isEqualTo(404);
        assertThat(audit.denials("conversation:" + chat)).isNotEmpty();
        assertThat(forever.status()).isEqualTo(200);
        assertThat(forever.body().path("until").asString()).startsWith("9999-");
        assertThat(defaults.body().path("push").properties()).hasSize(6)
                .allMatch(entry -> entry.getValue().asBoolean());
    }

    @Test
    void malformedRequestsAreClientErrorsNeverServerErrors() throws Exception {
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());

        var badDate = putRaw(ann, "/api/v1/notifications/mutes/" + chat, "{\"until\":\"tomorrow\"}");
        var badShape = putRaw(ann, "/api/v1/notifications/preferences", "{\"push\":\"everything\"}");
        var badJson = putRaw(ann, "/api/v1/notifications/preferences", "{\"push\":");
        var badLimit = ann.get("/api/v1/notifications?limit=many");
        var badId = ann.post("/api/v1/notifications/not-an-id/read", Map.of());

        assertThat(List.of(badDate, badShape, badJson, badLimit.status(), badId.status())).containsOnly(400);
    }

    private static int putRaw(ChatApi user, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + user.port() + path))
                .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
