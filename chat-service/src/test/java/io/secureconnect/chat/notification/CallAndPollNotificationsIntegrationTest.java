package io.secureconnect.chat.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.push.PushIntegrationTest;
import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.common.events.UserEvents;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Missed calls (from video-service, through the per-user event channel) and closed polls reach the inbox. */
class CallAndPollNotificationsIntegrationTest extends PushIntegrationTest {

    @Autowired
    UserEvents userEvents;

    @Test
    void aMissedCallIsOneInboxItemForEachCalleeNotTheCaller() {
        ChatApi caller = user();
        ChatApi callee = user();
        UUID callId = UUID.randomUUID();
        Map<String, Object> missed = Map.of("type", "call.missed", "callId", callId, "callerId", caller.userId(),
                "reason", "missed");

        // published again until heard (the instance's subscription may still be starting); heard many times,
        // recorded once
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            userEvents.publish(List.of(caller.userId(), callee.userId()), missed);
            userEvents.publish(List.of(caller.userId(), callee.userId()), missed);
            assertThat(callee.get("/api/v1/notifications").body().path("items").findValuesAsString("kind"))
                    .containsExactly("missed_call");
        });
        JsonNode item = callee.get("/api/v1/notifications").body().path("items").get(0);
        assertThat(item.toString()).contains(callId.toString(), caller.userId().toString());
        assertThat(caller.get("/api/v1/notifications").body().path("items")).isEmpty();
    }

    @Test
    void closingAPollTellsTheOtherMembers() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID group = ann.createGroup("Decide", bob.userId());
        String poll = ann.post("/api/v1/conversations/" + group + "/polls",
                Map.of("question", "Tea?", "options", List.of("yes", "no"))).body().path("id").asString();

        ann.post("/api/v1/polls/" + poll + "/close", null);

        assertThat(bob.get("/api/v1/notifications").body().path("items").findValuesAsString("kind")).contains("poll_result");
        assertThat(ann.get("/api/v1/notifications").body().path("items").findValuesAsString("kind")).doesNotContain("poll_result");
    }
}
