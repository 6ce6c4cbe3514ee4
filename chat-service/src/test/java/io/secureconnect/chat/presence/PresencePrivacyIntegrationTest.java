package io.secureconnect.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;

import org.junit.jupiter.api.Test;

/**
 * S6: presence is answered only about people one shares a conversation with, and never across a block; last-seen is
 * to the minute, and not given at all for someone who hides it.
 */
class PresencePrivacyIntegrationTest extends ChatIntegrationTest {

    @Test
    void strangersAndBlockersAreLeftOutOfThePresenceAnswer() {
        ChatApi ann = user();
        ChatApi partner = user();
        ChatApi stranger = user();
        ChatApi blocker = user();
        ann.createDirect(partner.userId());
        partner.createGroup("Before the block", ann.userId(), blocker.userId());
        peers.block(blocker.userId(), ann.userId());

        var asked = ann.get("/api/v1/presence?userIds=" + partner.userId() + "," + stranger.userId() + ","
                + blocker.userId());

        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body().path("items").findValuesAsString("userId"))
                .containsExactly(partner.userId().toString());
    }

    @Test
    void aUserWhoHidesLastSeenShowsOnlyWhetherTheyAreOnline() {
        ChatApi ann = user();
        ChatApi bob = user();
        ann.createDirect(bob.userId());
        assertThat(bob.get("/api/v1/presence/settings").body().path("showLastSeen").asBoolean()).isTrue();
        try (var socket = ChatSockets.connect(bob)) {
            socket.send(Map.of("type", "ping")); // a connection, then gone: the last-seen to record
            socket.next("pong");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !lastSeenOf(bob, ann).isNull());

        var hidden = bob.put("/api/v1/presence/settings", Map.of("showLastSeen", false));
        try (var socket = ChatSockets.connect(bob)) {
            socket.send(Map.of("type", "ping")); // a connection, then gone: the last-seen to record
            socket.next("pong");
        }

        assertThat(hidden.status()).isEqualTo(200);
        assertThat(bob.get("/api/v1/presence/settings").body().path("showLastSeen").asBoolean()).isFalse();
        var status = ann.get("/api/v1/presence?userIds=" + bob.userId()).body().path("items").get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(
                ann.get("/api/v1/presence?userIds=" + bob.userId()).body().path("items").get(0).path("status").asString()));
        assertThat(lastSeenOf(bob, ann).isNull() || lastSeenOf(bob, ann).isMissingNode()).isTrue();
        assertThat(status.path("userId").asString()).isEqualTo(bob.userId().toString());
        assertThat(bob.put("/api/v1/presence/settings", Map.of()).status()).isEqualTo(400);
    }

    private static tools.jackson.databind.JsonNode lastSeenOf(ChatApi user, ChatApi asker) {
        return asker.get("/api/v1/presence?userIds=" + user.userId()).body().path("items").get(0).path("lastSeen");
    }
}
