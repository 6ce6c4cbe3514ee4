package io.secureconnect.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConversationIntegrationTest extends ChatIntegrationTest {

    @Test
    void aDirectConversationIsCreatedOncePerPair() {
        ChatApi ann = user();
        ChatApi bob = user();

        var created = ann.post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(bob.userId())));
        var again = bob.post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(ann.userId())));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("type").asString()).isEqualTo("direct");
        assertThat(created.body().path("members").findValuesAsString("userId"))
                .containsExactlyInAnyOrder(ann.userId().toString(), bob.userId().toString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("id").asString()).isEqualTo(created.body().path("id").asString());
    }

    @Test
    void aDirectConversationIsRefusedWhenEitherUserBlockedTheOther() {
        ChatApi ann = user();
        ChatApi bob = user();
        peers.block(bob.userId(), ann.userId());

        var refused = ann.post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(bob.userId())));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("USER_BLOCKED");
    }

    /** S4: a block holds in groups too: no group with, and no adding of, a user who blocked you or whom you blocked. */
    @Test
    void nobodyIsPutInAGroupWithSomeoneWhoBlockedThem() {
        ChatApi ann = user();
        ChatApi bob = user();
        ChatApi cleo = user();
        peers.block(bob.userId(), ann.userId());

        var created = ann.post("/api/v1/conversations", Map.of("type", "group", "name", "Around the blocker",
                "memberIds", List.of(cleo.userId(), bob.userId())));
        UUID group = ann.createGroup("Without him", cleo.userId());
        var added = ann.post("/api/v1/conversations/" + group + "/members", Map.of("userIds", List.of(bob.userId())));
        var addedByBob = bob.post("/api/v1/conversations/" + bob.createGroup("His", cleo.userId()) + "/members",
                Map.of("userIds", List.of(ann.userId())));

        assertThat(created.status()).isEqualTo(403);
        assertThat(created.code()).isEqualTo("USER_BLOCKED");
        assertThat(added.status()).isEqualTo(403);
        assertThat(added.code()).isEqualTo("USER_BLOCKED");
        assertThat(addedByBob.status()).as("the blocker cannot pull them in either").isEqualTo(403);
    }

    /** S19: a group takes only existing users who are the adder's contacts or already share a conversation. */
    @Test
    void onlyContactsAndPeopleYouAlreadyTalkToCanBePutInAGroup() {
        ChatApi ann = user();
        ChatApi stranger = user();
        ChatApi cleo = user();
        peers.strangers(ann.userId(), stranger.userId());
        UUID nobody = UUID.randomUUID();
        peers.noAccount(nobody);
        UUID group = ann.createGroup("Book club", cleo.userId());

        var withStranger = ann.post("/api/v1/conversations", Map.of("type", "group", "name", "Strangers",
                "memberIds", List.of(cleo.userId(), stranger.userId())));
        var addStranger = ann.post("/api/v1/conversations/" + group + "/members", Map.of("userIds", List.of(stranger.userId())));
        var addNobody = ann.post("/api/v1/conversations/" + group + "/members", Map.of("userIds", List.of(nobody)));
        stranger.createDirect(ann.userId());
        var addAfterTalking = ann.post("/api/v1/conversations/" + group + "/members", Map.of("userIds", List.of(stranger.userId())));

        assertThat(withStranger.status()).isEqualTo(403);
        assertThat(withStranger.code()).isEqualTo("NOT_A_CONTACT");
        assertThat(addStranger.status()).isEqualTo(403);
        assertThat(addStranger.code()).isEqualTo("NOT_A_CONTACT");
        assertThat(addNobody.status()).isEqualTo(404);
        assertThat(addAfterTalking.status()).as(addAfterTalking.body().toString()).isEqualTo(200);
        assertThat(audit.denials("conversation:" + group)).extracting(event -> event.reason())
                .anySatisfy(reason -> assertThat(reason).startsWith("neither a contact nor in a shared conversation"))
                .anySatisfy(reason -> assertThat(reason).isEqualTo("no such user: " + nobody));
    }

    @Test
    void aDirectConversationNeedsExactlyOneOtherUser() {
        ChatApi ann = user();

        var alone = ann.post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(ann.userId())));
        var crowd = ann.post("/api/v1/conversations", Map.of("type", "direct",
                "memberIds", List.of(UUID.randomUUID(), UUID.randomUUID())));

        assertThat(alone.status()).isEqualTo(400);
        assertThat(crowd.status()).isEqualTo(400);
        assertThat(crowd.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theCreatorOwnsAGroupAndManagesItsMembers() {
        ChatApi owner = user();
        ChatApi bob = user();
        ChatApi carol = user();
        UUID group = owner.createGroup("Team", bob.userId());

        var added = owner.post("/api/v1/conversations/" + group + "/members", Map.of("userIds", List.of(carol.userId())));
        var bobCannotAdd = bob.post("/api/v1/conversations/" + group + "/members", Map.of("userIds", List.of(UUID.randomUUID())));
        var promoted = owner.patch("/api/v1/conversations/" + group + "/members/" + bob.userId(), Map.of("role", "admin"));
        var adminRenames = bob.patch("/api/v1/conversations/" + group, Map.of("name", "Team B"));
        var adminCannotDelete = bob.delete("/api/v1/conversations/" + group);
        var carolLeaves = carol.delete("/api/v1/conversations/" + group + "/members/" + carol.userId());

        assertThat(added.status()).isEqualTo(200);
        assertThat(roles(added.body())).containsEntry(owner.userId().toString(), "owner")
                .containsEntry(carol.userId().toString(), "member");
        assertThat(bobCannotAdd.status()).isEqualTo(403);
        assertThat(roles(promoted.body())).containsEntry(bob.userId().toString(), "admin");
        assertThat(adminRenames.body().path("name").asString()).isEqualTo("Team B");
        assertThat(adminCannotDelete.status()).isEqualTo(403);
        assertThat(carolLeaves.status()).isEqualTo(204);
        assertThat(carol.get("/api/v1/conversations/" + group).status()).isEqualTo(404);
        assertThat(owner.history(group)).extracting(m -> m.path("type").asString()).containsOnly("system");

        assertThat(owner.delete("/api/v1/conversations/" + group).status()).isEqualTo(204);
        assertThat(bob.get("/api/v1/conversations/" + group).status()).isEqualTo(404);
    }

    @Test
    void whenTheOwnerLeavesTheOldestAdminTakesOver() {
        ChatApi owner = user();
        ChatApi bob = user();
        ChatApi carol = user();
        UUID group = owner.createGroup("Club", bob.userId(), carol.userId());
        owner.patch("/api/v1/conversations/" + group + "/members/" + carol.userId(), Map.of("role", "admin"));

        owner.delete("/api/v1/conversations/" + group + "/members/" + owner.userId());

        assertThat(roles(bob.get("/api/v1/conversations/" + group).body()))
                .containsEntry(carol.userId().toString(), "owner").doesNotContainKey(owner.userId().toString());
    }

    @Test
    void myConversationsComeMostRecentFirstWithUnreadCountsAndACursor() {
        ChatApi ann = user();
        ChatApi bob = user();
        List<UUID> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            groups.add(ann.createGroup("g" + i, bob.userId()));
        }
        ann.sendText(groups.get(1), "c1", "hello");
        ann.sendText(groups.get(1), "c2", "again");

        var first = bob.get("/api/v1/conversations?limit=3");
        var second = bob.get("/api/v1/conversations?limit=3&cursor=" + first.body().path("nextCursor").asString());

        List<String> order = new ArrayList<>();
        first.body().path("items").forEach(c -> order.add(c.path("id").asString()));
        second.body().path("items").forEach(c -> order.add(c.path("id").asString()));
        assertThat(order).containsExactly(groups.get(1).toString(), groups.get(4).toString(), groups.get(3).toString(),
                groups.get(2).toString(), groups.get(0).toString());
        assertThat(first.body().path("items").get(0).path("unreadCount").asLong()).isEqualTo(2);
        assertThat(second.body().path("nextCursor").isNull()).isTrue();
        assertThat(ann.get("/api/v1/conversations?limit=1").body().path("items").get(0).path("unreadCount").asLong()).isZero();
    }

    @Test
    void aGroupHoldsNoMoreThanTheMemberLimit() {
        ChatApi owner = user();
        List<UUID> tooMany = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tooMany.add(UUID.randomUUID());
        }

        var refused = owner.post("/api/v1/conversations", Map.of("type", "group", "name", "Big", "memberIds", tooMany));
        var fits = owner.post("/api/v1/conversations", Map.of("type", "group", "name", "Big",
                "memberIds", tooMany.subList(0, 999)));
        var oneMore = owner.post("/api/v1/conversations/" + fits.body().path("id").asString() + "/members",
                Map.of("userIds", List.of(UUID.randomUUID())));

        assertThat(refused.code()).isEqualTo("GROUP_FULL");
        assertThat(fits.status()).isEqualTo(201);
        assertThat(oneMore.status()).isEqualTo(409);
        assertThat(oneMore.code()).isEqualTo("GROUP_FULL");
    }

    @Test
    void aNonMemberCannotLearnThatAConversationExistsAndEveryRefusalIsAudited() {
        ChatApi ann = user();
        ChatApi mallory = user();
        UUID group = ann.createGroup("Private", user().userId());
        String messageId = ann.sendText(group, "m1", "secret").body().path("id").asString();
        String base = "/api/v1/conversations/" + group;

        List<ChatApi.Response> attempts = List.of(
                mallory.get(base),
                mallory.get(base + "/messages"),
                mallory.sendText(group, "x1", "hi"),
                mallory.post(base + "/messages/" + messageId + "/reactions", Map.of("emoji", "👍")),
                mallory.post(base + "/members", Map.of("userIds", List.of(mallory.userId()))),
                mallory.post(base + "/read", Map.of("seq", 1)));
        var unknown = mallory.get("/api/v1/conversations/" + UUID.randomUUID());

        assertThat(attempts).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(response.body().path("detail").asString()).isEqualTo(unknown.body().path("detail").asString());
        });
        assertThat(audit.denials("conversation:" + group)).hasSize(attempts.size())
                .allSatisfy(event -> assertThat(event.userId()).isEqualTo(mallory.userId().toString()));
    }

    private static Map<String, String> roles(JsonNode conversation) {
        Map<String, String> roles = new HashMap<>();
        conversation.path("members").forEach(m -> roles.put(m.path("userId").asString(), m.path("role").asString()));
        return roles;
    }
}
