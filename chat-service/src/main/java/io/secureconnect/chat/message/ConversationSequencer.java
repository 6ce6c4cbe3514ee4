package io.secureconnect.chat.message;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Keeps a conversation's messages in sequence order on their way out of this instance. PostgreSQL's row lock
 * orders the commits, but it is released at commit, before the fan-out; holding this lock from before the
 * transaction until the frames are handed to Redis means this instance publishes seq 18 before seq 19. (Senders
 * on other instances can still interleave, which is why clients order by {@code seq} and fill gaps with
 * {@code sync}.) Striped, so memory stays fixed however many conversations there are. Public for the MLS Delivery
 * Service, whose handshake messages take their seq in the same order.
 */
@Component
public class ConversationSequencer {

    private final ReentrantLock[] stripes = new ReentrantLock[1024];

    ConversationSequencer() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public <T> T inOrder(UUID conversationId, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(conversationId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
