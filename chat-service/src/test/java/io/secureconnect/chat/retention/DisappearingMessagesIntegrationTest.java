package io.secureconnect.chat.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class DisappearingMessagesIntegrationTest extends ChatIntegrationTest {

    @Autowired
    DisappearingMessages job;

    @Autowired
    JdbcClient jdbc;

    @Test
    void disappearingMessagesVanishFromHistorySearchAndSyncThenFromTheDatabase() {
        String word = "ephemeral" + UUID.randomUUID().toString().substring(0, 8);
        ChatApi ann = user();
        ChatApi bob = user();
        UUID chat = ann.createDirect(bob.userId());
        ann.sendText(chat, "kept", word + " before the setting");
        var set = bob.patch("/api/v1/conversations/" + chat, Map.of("messageTtlSeconds", 2));
        String gone = ann.sendText(chat, "gone", word + " that disappears").body().path("id").asString();

        assertThat(set.body().path("messageTtlSeconds").asLong()).isEqualTo(2);
        assertThat(ann.get("/api/v1/search/messages?q=" + word).body().path("items")).hasSize(2);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(bodies(bob.history(chat))).doesNotContain(word + " that disappears"));
        assertThat(bodies(bob.history(chat))).contains(word + " before the setting");
        assertThat(ann.get("/api/v1/search/messages?q=" + word).body().path("items")).hasSize(1);
        try (var bobSocket = ChatSockets.connect(bob)) {
            bobSocket.send(Map.of("type", "sync", "after", Map.of(chat.toString(), 0)));
            List<JsonNode> frames = bobSocket.takeAll(Duration.ofSeconds(1));
            assertThat(frames).noneMatch(frame -> frame.path("message").path("id").asString().equals(gone));
        }

        job.eraseExpired();

        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE id = :id").param("id", UUID.fromString(gone))
                .query(Integer.class).single()).isZero();
    }

    private static List<String> bodies(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("body").asString()).toList();
    }
}
