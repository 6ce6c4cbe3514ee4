package io.secureconnect.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;

import org.junit.jupiter.api.Test;

/** S6: presence is answered only about people one shares a conversation with, and never across a block. */
class PresencePrivacyIntegrationTest extends ChatIntegrationTest {

    @Test
    void strangersAndBlockersAreLeftOutOfThePresenceAnswer() {
        ChatApi ann = user();
        ChatApi partner = user();
        ChatApi stranger = user();
        ChatApi blocker = user();
        ann.createDirect(partner.userId());
        partner.createGroup("Before the block", ann.userId(), blocker.userId());
        peers.block(blocker.userId(), ann.userId());

        var asked = ann.get("/api/v1/presence?userIds=" + partner.userId() + "," + stranger.userId() + ","
                + blocker.userId());

        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body().path("items").findValuesAsString("userId"))
                .containsExactly(partner.userId().toString());
    }
}
