package io.secureconnect.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sends that queue up on one socket are stored together (one commit) and must still behave exactly like sends one
 * at a time: gapless sequence numbers in the order sent, one message per client id (a retry within the burst gets
 * the first one's message), a bad send refused on its own, and the replies in the order of the frames.
 */
class GroupCommitIntegrationTest extends ChatIntegrationTest {

    /** With a retry, a bad send and a ping: 11 frames, within the tests' burst allowance of 12. */
    private static final int SENDS = 8;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBurstOfSendsOnOneSocketIsStoredInOrderOnceEachAndAnsweredInOrder() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID group = ann.createGroup("burst", bob.userId());
        try (var annSocket = ChatSockets.connect(ann); var bobSocket = ChatSockets.connect(bob)) {

            List<String> expected = new ArrayList<>(); // the ref of each reply, in frame order
            for (int i = 0; i < SENDS; i++) {
                send(annSocket, group, "b" + i, "message " + i);
                expected.add("ack b" + i);
                if (i == 5) {
                    send(annSocket, group, "b3", "a retry of b3");
                    expected.add("ack b3");
                }
                if (i == 6) {
                    send(annSocket, group, "not a valid client id!", "refused alone");
                    expected.add("error not a valid client id!");
                }
                if (i == 7) {
                    annSocket.send(Map.of("type", "ping", "ref", "p7"));
                    expected.add("pong p7");
                }
            }

            List<String> replies = new ArrayList<>();
            Map<String, Long> seqOf = new HashMap<>();
            for (int n = 0; n < expected.size(); n++) {
                JsonNode reply = annSocket.next(frame -> Set.of("ack", "error", "pong")
                        .contains(frame.path("type").asString()), "a reply");
                String type = reply.path("type").asString();
                String ref = type.equals("ack") ? reply.path("clientId").asString() : reply.path("ref").asString();
                replies.add(type + " " + ref);
                if (type.equals("ack")) {
                    long seq = reply.path("message").path("seq").asLong();
                    Long first = seqOf.putIfAbsent(ref, seq);
                    assertThat(first == null || first == seq).as("the retry of %s gets the same message", ref).isTrue();
                }
            }
            assertThat(replies).containsExactlyElementsOf(expected);
            long before = seqOf.get("b0") - 1; // the group's own system messages came first
            for (int i = 0; i < SENDS; i++) {
                assertThat(seqOf.get("b" + i)).as("seq of b%d", i).isEqualTo(before + i + 1);
            }

            List<Long> delivered = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                delivered.add(bobSocket.next(frame -> frame.path("type").asString().equals("message")
                        && frame.path("message").path("type").asString().equals("text"), "a message")
                        .path("message").path("seq").asLong());
            }
            assertThat(delivered).containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + SENDS).boxed().toList());
        }
        assertThat(ann.history(group)).filteredOn(message -> message.path("type").asString().equals("text"))
                .extracting(message -> message.path("body").asString())
                .contains("message 3").doesNotContain("a retry of b3", "refused alone").hasSize(SENDS);
        // they were sent without waiting for acks, so some shared a commit (created_at is the transaction's time)
        long commits = jdbc.sql("SELECT count(DISTINCT created_at) FROM messages WHERE conversation_id = :c AND type = 'text'")
                .param("c", group).query(Long.class).single();
        assertThat(commits).isLessThan(SENDS);
    }

    private static void send(TestSocket socket, UUID conversation, String clientId, String body) {
        socket.send(Map.of("type", "send", "conversationId", conversation.toString(), "clientId", clientId,
                "body", body));
    }
}
