package io.secureconnect.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.Peer;
import io.secureconnect.common.peer.PeerClients;
import io.secureconnect.common.peer.PeerDeclined;
import io.secureconnect.common.peer.PeerEndpoint;
import io.secureconnect.common.peer.chat.ChatMembersApi;
import io.secureconnect.common.peer.chat.ConversationMember;
import io.secureconnect.common.web.CommonErrorCode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The typed client video and storage use ({@link ChatMembersApi}) against chat-service's real controller over HTTP,
 * so the interface and the routes cannot drift apart.
 */
class ChatMembersApiContractIntegrationTest extends ChatIntegrationTest {

    private ChatMembersApi chat;

    @BeforeEach
    void typedClient() {
        chat = PeerClients.connect(ChatMembersApi.class, new PeerEndpoint(Peer.CHAT,
                URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(10), CommonErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void aMemberSeesTheMembersWithTheirRoles() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID group = ann.createGroup("Contract", bob.userId());

        List<ConversationMember> members = chat.members(token(bob), group).members();

        assertThat(members).containsExactlyInAnyOrder(new ConversationMember(ann.userId(), "owner"),
                new ConversationMember(bob.userId(), "member"));
    }

    @Test
    void toSomeoneOutsideTheConversationItIsTheDeclinedFourOhFour() {
        ChatApi ann = user();
        ChatApi outsider = user();
        UUID group = ann.createGroup("Closed", user().userId());

        assertThatThrownBy(() -> chat.members(token(outsider), group))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> chat.member(token(outsider), group, ann.userId(), null))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(404));
    }

    @Test
    void membershipHoldsWithAFileOnlyWhileAMessageCarriesIt() {
        ChatApi ann = user();
        ChatApi bob = user();
        UUID direct = ann.createDirect(bob.userId());
        UUID attached = UUID.randomUUID();
        peers.fileOwnedBy(attached, ann.userId());
        assertThat(ann.post("/api/v1/conversations/" + direct + "/messages", Map.of("clientId", "f1",
                "type", "attachment", "attachments", List.of(attached))).status()).isEqualTo(201);

        chat.member(token(ann), direct, bob.userId(), null);
        chat.member(token(ann), direct, bob.userId(), attached);

        assertThatThrownBy(() -> chat.member(token(ann), direct, bob.userId(), UUID.randomUUID()))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> chat.member(token(ann), direct, user().userId(), null))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(404));
    }

    private static CallerToken token(ChatApi user) {
        return new CallerToken(user.token());
    }
}
