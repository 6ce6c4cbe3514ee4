package io.secureconnect.auth.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.auth.AuthClient;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Blocking someone shows in one's block list and, in both directions, in the check chat and video ask. */
@AuthServiceTest
class BlocksIntegrationTest {

    @LocalServerPort
    int port;

    private AuthClient auth;

    @BeforeEach
    void client() {
        auth = new AuthClient(port);
    }

    @Test
    void aBlockWorksBothWaysUntilLifted() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann");
        AuthClient.Account bob = auth.newAccount("Bob");
        assertThat(blocked(bob, ann)).isFalse();

        assertThat(auth.send("PUT", "/api/v1/users/me/blocks/" + bob.id(), ann.accessToken(), "{\"reason\":\"spam\"}")
                .statusCode()).isEqualTo(204);
        assertThat(auth.send("PUT", "/api/v1/users/me/blocks/" + bob.id(), ann.accessToken(), null).statusCode())
                .as("blocking again changes nothing").isEqualTo(204);

        assertThat(blocked(ann, bob)).isTrue();
        assertThat(blocked(bob, ann)).as("the blocked user cannot reach the blocker either").isTrue();
        var list = AuthClient.JSON.readTree(auth.send("GET", "/api/v1/users/me/blocks", ann.accessToken(), null).body());
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("reason").asString()).isEqualTo("spam");

        assertThat(auth.send("DELETE", "/api/v1/users/me/blocks/" + bob.id(), ann.accessToken(), null).statusCode())
                .isEqualTo(204);
        assertThat(blocked(bob, ann)).isFalse();
    }

    @Test
    void oneCannotBlockOneselfOrSomeoneWhoDoesNotExist() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann");

        assertThat(auth.send("PUT", "/api/v1/users/me/blocks/" + ann.id(), ann.accessToken(), null).statusCode()).isEqualTo(404);
        assertThat(auth.send("PUT", "/api/v1/users/me/blocks/" + java.util.UUID.randomUUID(), ann.accessToken(), null)
                .statusCode()).isEqualTo(404);
    }

    /** What chat asks before a group add, a group's mentions and pushes: account, contact, block, for many at once. */
    @Test
    void relationsSayWhoExistsIsAContactOrHasABlockWithTheCaller() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann");
        AuthClient.Account friend = auth.newAccount("Friend");
        AuthClient.Account blocker = auth.newAccount("Blocker");
        AuthClient.Account stranger = auth.newAccount("Stranger");
        var request = AuthClient.JSON.readTree(auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(),
                "{\"userId\":\"" + friend.id() + "\"}").body());
        auth.send("POST", "/api/v1/users/me/contacts/requests/" + request.get("id").asString() + "/accept",
                friend.accessToken(), null);
        auth.send("PUT", "/api/v1/users/me/blocks/" + ann.id(), blocker.accessToken(), null);
        var nobody = java.util.UUID.randomUUID();

        var response = auth.send("POST", "/internal/v1/relations", ann.accessToken(), "{\"userIds\":[\"" + friend.id()
                + "\",\"" + blocker.id() + "\",\"" + stranger.id() + "\",\"" + nobody + "\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var items = new java.util.HashMap<String, tools.jackson.databind.JsonNode>();
        AuthClient.JSON.readTree(response.body()).get("items").forEach(item -> items.put(item.get("userId").asString(), item));
        assertThat(items).containsOnlyKeys(friend.id().toString(), blocker.id().toString(), stranger.id().toString());
        assertThat(items.get(friend.id().toString()).get("contact").asBoolean()).isTrue();
        assertThat(items.get(blocker.id().toString()).get("blocked").asBoolean()).isTrue();
        assertThat(items.get(stranger.id().toString()).get("contact").asBoolean()).isFalse();
        assertThat(items.get(stranger.id().toString()).get("blocked").asBoolean()).isFalse();
        assertThat(auth.send("POST", "/internal/v1/relations", ann.accessToken(), "{\"userIds\":[]}").statusCode())
                .isEqualTo(400);
    }

    private boolean blocked(AuthClient.Account asker, AuthClient.Account other) throws Exception {
        var response = auth.send("GET", "/internal/v1/blocks/check?with=" + other.id(), asker.accessToken(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        return AuthClient.JSON.readTree(response.body()).get("blocked").asBoolean();
    }
}
