package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;

/**
 * Chat as real users meet it, entirely through the gateway with tokens from auth-service: a block recorded at
 * auth-service stops a direct conversation at chat-service, and a message sent on one user's socket reaches the
 * other's socket and history.
 */
@SystemTest
class ChatJourneyIT {

    private final SecureConnectSystem system;

    ChatJourneyIT(SecureConnectSystem system) {
        this.system = system;
    }

    @Test
    void twoUsersChatOverWebSocketsThroughTheGatewayAndABlockIsEnforced() throws Exception {
        var ann = signUp("Ann");
        var bob = signUp("Bob");
        var carol = signUp("Carol");

        // a user Carol blocked cannot start a conversation with her
        var blocked = Api.put(system.gateway("/api/v1/users/me/blocks/" + ann.id())).bearer(carol.token()).send();
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(204);
        var refused = Api.postJson(system.gateway("/api/v1/conversations"),
                "{\"type\":\"direct\",\"memberIds\":[\"" + carol.id() + "\"]}").bearer(ann.token()).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.member("code")).isEqualTo("USER_BLOCKED");

        // Ann and Bob talk
        var created = Api.postJson(system.gateway("/api/v1/conversations"),
                "{\"type\":\"direct\",\"memberIds\":[\"" + bob.id() + "\"]}").bearer(ann.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String conversation = created.member("id");
        URI socketUri = system.gatewaySocket("/ws/chat");
        try (var annSocket = TestSocket.connect(socketUri, ann.token());
             var bobSocket = TestSocket.connect(socketUri, bob.token())) {
            annSocket.next("ready");
            bobSocket.next("ready");

            annSocket.send("{\"type\":\"send\",\"conversationId\":\"" + conversation
                    + "\",\"clientId\":\"journey-1\",\"body\":\"Hello Bob\"}");

            assertThat(annSocket.next("ack").path("message").path("seq").asLong()).isEqualTo(1);
            var received = bobSocket.next("message").path("message");
            assertThat(received.path("body").asString()).isEqualTo("Hello Bob");
            assertThat(received.path("senderId").asString()).isEqualTo(ann.id());
        }
        var history = Api.get(system.gateway("/api/v1/conversations/" + conversation + "/messages")).bearer(bob.token()).send();
        assertThat(history.json().path("items").get(0).path("body").asString()).isEqualTo("Hello Bob");
    }

    private SignedUpUser signUp(String name) {
        return SignedUpUser.signUp(system, name);
    }
}
