package io.secureconnect.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.secureconnect.chat.notification.UnreadCountChanged;
import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;
import io.secureconnect.chat.support.ChatSockets;
import io.secureconnect.testsupport.websocket.TestSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** What the domain raises reaches sockets as frames, and never ahead of the transaction that raised it. */
class DomainEventFramesIntegrationTest extends ChatIntegrationTest {

    @Autowired
    private ApplicationEventPublisher events;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void aFrameRaisedInATransactionGoesOutOnlyOnceItCommits() {
        ChatApi bob = user();
        try (TestSocket socket = ChatSockets.connect(bob)) {
            transaction.executeWithoutResult(status -> {
                events.publishEvent(new UnreadCountChanged(bob.userId(), 41));

                assertThat(socket.poll(Duration.ofMillis(500))).as("a frame before the commit").isNull();
            });

            assertThat(socket.next("notifications.unread").toString())
                    .isEqualTo("{\"type\":\"notifications.unread\",\"unreadCount\":41}");
        }
    }

    @Test
    void aFrameRaisedInATransactionThatRollsBackNeverGoesOut() {
        ChatApi bob = user();
        try (TestSocket socket = ChatSockets.connect(bob)) {
            transaction.executeWithoutResult(status -> {
                events.publishEvent(new UnreadCountChanged(bob.userId(), 7));
                status.setRollbackOnly();
            });
            events.publishEvent(new UnreadCountChanged(bob.userId(), 8)); // no transaction: sent at once

            assertThat(socket.next("notifications.unread").path("unreadCount").asLong()).isEqualTo(8);
        }
    }
}
