package io.secureconnect.chat.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.time.MutableClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class PollIntegrationTest extends ChatIntegrationTest {

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void aPollHasTheContractShapeAndMembersSeeResultsLive() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID group = ann.createGroup("Lunch", bob.userId());
        try (var annSocket = ChatSockets.connect(ann)) {

            var created = ann.post("/api/v1/conversations/" + group + "/polls",
                    Map.of("question", "Where?", "options", List.of("Pizza", "Sushi"), "multipleChoice", false));
            JsonNode poll = created.body();
            var voted = bob.post("/api/v1/polls/" + poll.path("id").asString() + "/votes",
                    Map.of("optionIds", List.of(poll.path("options").get(1).path("id").asString())));

            assertThat(created.status()).isEqualTo(201);
            assertThat(poll.path("question").asString()).isEqualTo("Where?");
            assertThat(poll.path("options").findValuesAsString("text")).containsExactly("Pizza", "Sushi");
            assertThat(poll.path("options").get(0).path("votes").asLong()).isZero();
            assertThat(poll.path("closed").asBoolean()).isFalse();
            assertThat(voted.body().path("options").get(1).path("votes").asLong()).isEqualTo(1);
            JsonNode live = annSocket.next(frame -> frame.path("type").asString().equals("poll.updated")
                    && frame.path("poll").path("options").get(1).path("votes").asLong() == 1, "the vote, live");
            assertThat(live.path("poll").path("id").asString()).isEqualTo(poll.path("id").asString());
        }
    }

    /** S20: polls are plaintext, so an end-to-end encrypted conversation refuses them until clients encrypt them. */
    @Test
    void anEncryptedConversationRefusesPolls() {
        ChatApi ann = user();
        ChatApi bob = user();
        var encrypted = ann.post("/api/v1/conversations", Map.of("type", "group", "name", "Sealed", "e2ee", true,
                "memberIds", List.of(bob.userId())));
        String sealed = encrypted.body().path("id").asString();

        var refused = ann.post("/api/v1/conversations/" + sealed + "/polls",
                Map.of("question", "Where?", "options", List.of("Pizza", "Sushi"), "multipleChoice", false));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asString()).isEqualTo("E2EE_NOT_SUPPORTED");
        assertThat(ann.get("/api/v1/conversations/" + sealed + "/polls").body().path("items")).isEmpty();
    }

    @Test
    void concurrentVotesAreAllCountedOnce() throws Exception {
        ChatApi owner = user();
        List<ChatApi> voters = users(30);
        UUID group = owner.createGroup("Vote", voters.stream().map(ChatApi::userId).toArray(UUID[]::new));
        JsonNode poll = owner.post("/api/v1/conversations/" + group + "/polls",
                Map.of("question", "Yes?", "options", List.of("yes", "no"))).body();
        String yes = poll.path("options").get(0).path("id").asString();

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ChatApi voter : voters) {
                threads.submit(() -> {
                    voter.post("/api/v1/polls/" + poll.path("id").asString() + "/votes", Map.of("optionIds", List.of(yes)));
                    voter.post("/api/v1/polls/" + poll.path("id").asString() + "/votes", Map.of("optionIds", List.of(yes)));
                });
            }
        }

        assertThat(owner.get("/api/v1/polls/" + poll.path("id").asString()).body().path("options").get(0).path("votes").asLong())
                .isEqualTo(30);
    }

    @Test
    void votesFollowThePollsRules() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi outsider = user();
        UUID group = ann.createGroup("Rules", bob.userId());
        JsonNode single = ann.post("/api/v1/conversations/" + group + "/polls", Map.of("question", "One?",
                "options", List.of("a", "b", "c"), "allowVoteChange", false)).body();
        String id = single.path("id").asString();
        List<String> options = single.path("options").findValuesAsString("id");

        var two = bob.post("/api/v1/polls/" + id + "/votes", Map.of("optionIds", options.subList(0, 2)));
        var foreignOption = bob.post("/api/v1/polls/" + id + "/votes", Map.of("optionIds", List.of(UUID.randomUUID())));
        var first = bob.post("/api/v1/polls/" + id + "/votes", Map.of("optionIds", List.of(options.get(0))));
        var change = bob.post("/api/v1/polls/" + id + "/votes", Map.of("optionIds", List.of(options.get(1))));
        var bobCloses = bob.post("/api/v1/polls/" + id + "/close", null);
        var closed = ann.post("/api/v1/polls/" + id + "/close", null);
        var afterClose = ann.post("/api/v1/polls/" + id + "/votes", Map.of("optionIds", List.of(options.get(2))));
        var outsiderSees = outsider.get("/api/v1/polls/" + id);
        var outsiderVotes = outsider.post("/api/v1/polls/" + id + "/votes", Map.of("optionIds", List.of(options.get(2))));

        assertThat(two.status()).isEqualTo(400);
        assertThat(foreignOption.status()).isEqualTo(400);
        assertThat(first.status()).isEqualTo(200);
        assertThat(change.status()).isEqualTo(409);
        assertThat(change.code()).isEqualTo("ALREADY_VOTED");
        assertThat(bobCloses.status()).isEqualTo(403);
        assertThat(closed.body().path("closed").asBoolean()).isTrue();
        assertThat(afterClose.status()).isEqualTo(409);
        assertThat(afterClose.code()).isEqualTo("POLL_CLOSED");
        assertThat(outsiderSees.status()).isEqualTo(404);
        assertThat(outsiderVotes.status()).isEqualTo(404);
        assertThat(audit.denials("conversation:" + group)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anExpiredPollRefusesVotesAndAnAnonymousOneHidesVoters() throws Exception {
        ChatApi ann = user();
        UUID group = ann.createGroup("Soon", user().userId());
        JsonNode poll = ann.post("/api/v1/conversations/" + group + "/polls", Map.of("question", "Quick?",
                "options", List.of("y", "n"), "anonymous", true, "expiresAt", Instant.now().plus(Duration.ofHours(1)).toString())).body();
        String option = poll.path("options").get(0).path("id").asString();

        var inTime = ann.post("/api/v1/polls/" + poll.path("id").asString() + "/votes", Map.of("optionIds", List.of(option)));
        clock.advance(Duration.ofHours(2));
        var late = ann.post("/api/v1/polls/" + poll.path("id").asString() + "/votes", Map.of("optionIds", List.of(option)));

        assertThat(late.status()).isEqualTo(409);
        assertThat(inTime.status()).isEqualTo(200);
        assertThat(inTime.body().path("options").get(0).path("votes").asLong()).isEqualTo(1);
        assertThat(inTime.body().path("options").get(0).has("voterIds")).isFalse();
        assertThat(ann.get("/api/v1/polls/" + poll.path("id").asString()).body().path("closed").asBoolean()).isTrue();
    }
}
