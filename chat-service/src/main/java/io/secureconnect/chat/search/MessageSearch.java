package io.secureconnect.chat.search;

import java.util.List;
import java.util.UUID;

import io.secureconnect.chat.message.Message;
import io.secureconnect.chat.message.MessageRepository;
import io.secureconnect.common.paging.Page;
import io.secureconnect.common.paging.Position;
import io.secureconnect.common.security.Caller;

import org.springframework.stereotype.Service;

/**
 * Full-text search over the plaintext conversations the caller belongs to (the query itself keeps to them), newest
 * first, a page at a time.
 */
@Service
class MessageSearch {

    private final MessageRepository messages;

    MessageSearch(MessageRepository messages) {
        this.messages = messages;
    }

    /** Up to {@code limit} matches of {@code query}, after {@code cursor} (a previous page's next cursor) if given. */
    Page<Message> search(Caller caller, String query, UUID conversationId, String cursor, int limit) {
        Position after = Position.decode(cursor);
        List<Message> found = messages.search(caller.userId(), query, conversationId,
                after == null ? null : after.at(), after == null ? null : after.id(), limit + 1);
        return Page.of(found, limit, last -> new Position(last.createdAt(), last.id()).encode());
    }
}
