package io.secureconnect.chat.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;

import org.junit.jupiter.api.Test;

class SearchIntegrationTest extends ChatIntegrationTest {

    @Test
    void searchFindsOnlyPlaintextMessagesOfMyConversations() {
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 8);
        ChatApi ann = user();
        ChatApi bob = user();
        UUID mine = ann.createDirect(bob.userId());
        UUID notMine = user().createGroup("Elsewhere", user().userId());
        var encrypted = ann.post("/api/v1/conversations", Map.of("type", "group", "name", "Sealed", "e2ee", true,
                "memberIds", List.of(bob.userId())));
        UUID sealed = UUID.fromString(encrypted.body().path("id").asString());
        ann.sendText(mine, "s1", "the " + word + " crossed the road");
        bob.sendText(mine, "s2", "nothing to see");
        user().sendText(notMine, "s3", "another " + word);
        ann.post("/api/v1/conversations/" + sealed + "/messages", Map.of("clientId", "s4", "type", "e2ee", "body", word));
        String deleted = ann.sendText(mine, "s5", word + " to be deleted").body().path("id").asString();
        ann.delete("/api/v1/conversations/" + mine + "/messages/" + deleted);

        var found = ann.get("/api/v1/search/messages?q=" + word);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("items")).hasSize(1);
        assertThat(found.body().path("items").get(0).path("conversationId").asString()).isEqualTo(mine.toString());
        assertThat(bob.get("/api/v1/search/messages?q=" + word).body().path("items")).hasSize(1);
        assertThat(user().get("/api/v1/search/messages?q=" + word).body().path("items")).isEmpty();
    }

    @Test
    void resultsArePaginatedNewestFirst() {
        String word = "pelican" + UUID.randomUUID().toString().substring(0, 8);
        ChatApi ann = user();
        UUID chat = ann.createDirect(user().userId());
        for (int i = 1; i <= 5; i++) {
            ann.sendText(chat, "p" + i, word + " number " + i);
        }

        var first = ann.get("/api/v1/search/messages?q=" + word + "&limit=3");
        var second = ann.get("/api/v1/search/messages?q=" + word + "&limit=3&cursor=" + first.body().path("nextCursor").asString());

        assertThat(first.body().path("items").findValuesAsString("body"))
                .containsExactly(word + " number 5", word + " number 4", word + " number 3");
        assertThat(second.body().path("items").findValuesAsString("body")).containsExactly(word + " number 2", word + " number 1");
        assertThat(second.body().path("nextCursor").isNull()).isTrue();
        assertThat(ann.get("/api/v1/search/messages?q=").status()).isEqualTo(400);
    }
}
