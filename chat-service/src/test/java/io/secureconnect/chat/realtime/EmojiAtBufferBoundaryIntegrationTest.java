package io.secureconnect.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19: a long message with an emoji on the 2,048-character boundary of the outgoing buffer closed every member's
 * socket with 1011, and {@code sync} replayed it on every reconnect. The two bodies below are emoji only, one shifted
 * by a character, so whatever the frame around them, in one of them an emoji straddles every buffer boundary.
 */
class EmojiAtBufferBoundaryIntegrationTest extends ChatIntegrationTest {

    private static final String EMOJI = "\ud83d\ude00";
    private static final List<String> BODIES = List.of(EMOJI.repeat(1500), "x" + EMOJI.repeat(1500));

    @Test
    void aMessageWithAnEmojiOnTheBufferBoundaryReachesEveryMemberAndSyncReplaysIt() {
        List<ChatApi> members = users(3);
        ChatApi ann = members.getFirst();
        UUID group = ann.createGroup("Emoji", members.get(1).userId(), members.get(2).userId());
        List<TestSocket> sockets = members.stream().map(ChatSockets::connect).toList();
        try {
            for (int i = 0; i < BODIES.size(); i++) {
                assertThat(ann.sendText(group, "emoji-" + i, BODIES.get(i)).status()).isEqualTo(201);
            }

            for (TestSocket socket : sockets) {
                assertThat(bodiesOf(socket, "message")).containsExactlyElementsOf(BODIES);
                assertStillOpen(socket);
            }
        } finally {
            sockets.forEach(TestSocket::close);
        }

        for (ChatApi member : members) {
            try (TestSocket socket = ChatSockets.connect(member)) {
                socket.send(Map.of("type", "sync", "after", Map.of(group.toString(), 0)));

                assertThat(bodiesOf(socket, "message")).containsExactlyElementsOf(BODIES);
                socket.next("synced");
                assertStillOpen(socket);
            }
        }
    }

    private static List<String> bodiesOf(TestSocket socket, String type) {
        List<String> bodies = new ArrayList<>();
        while (bodies.size() < BODIES.size()) {
            JsonNode frame = socket.next(type);
            bodies.add(frame.path("message").path("body").asString());
        }
        return bodies;
    }

    /** A ping still answered: the socket was not closed after the long frames. */
    private static void assertStillOpen(TestSocket socket) {
        String ref = UUID.randomUUID().toString();
        socket.send(Map.of("type", "ping", "ref", ref));
        socket.next(frame -> "pong".equals(frame.path("type").asString()) && ref.equals(frame.path("ref").asString()),
                "a pong");
        assertThat(socket.isClosed()).isFalse();
    }
}
