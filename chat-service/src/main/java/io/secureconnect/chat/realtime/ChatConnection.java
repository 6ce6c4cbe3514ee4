package io.secureconnect.chat.realtime;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open {@code /ws/chat} socket. Outbound frames go through a bounded queue drained by the connection's own
 * virtual thread, so a client that does not read fills only its own queue and is then disconnected (4500): it never
 * blocks the thread that fans a message out to everyone else.
 */
final class ChatConnection {

    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);
    /** Queued behind the frames already waiting, so the client reads them (its errors, say) before the close. */
    private static final TextMessage CLOSE_AFTER_PENDING = new TextMessage("close");

    private final WebSocketSession session;
    private final UUID userId;
    private final BlockingQueue<TextMessage> outbound;
    private final InboundRateLimit inbound;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ChatMetrics metrics;
    private final Thread writer;
    private volatile Jwt token;
    private volatile CloseStatus closeAfterPending;
    private volatile long lastFrameNanos = System.nanoTime();

    ChatConnection(WebSocketSession session, Jwt token, int queueCapacity, InboundRateLimit inbound, ChatMetrics metrics) {
        this.session = session;
        this.token = token;
        this.userId = UUID.fromString(token.getSubject());
        this.outbound = new LinkedBlockingQueue<>(queueCapacity); // allocates per queued frame, not per capacity
        this.inbound = inbound;
        this.metrics = metrics;
        this.writer = Thread.ofVirtual().name("ws-writer-" + session.getId()).start(this::drain);
    }

    String id() {
        return session.getId();
    }

    UUID userId() {
        return userId;
    }

    Jwt token() {
        return token;
    }

    void reauthenticate(Jwt token) {
        this.token = token;
    }

    InboundRateLimit inbound() {
        return inbound;
    }

    void touched() {
        lastFrameNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastFrameNanos;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Queues a frame; a full queue means the client is not keeping up, and it is disconnected. */
    void send(TextMessage frame) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(frame)) {
            log.info("Disconnecting slow WebSocket client {} of user {}: {} frames queued", id(), userId, outbound.size());
            metrics.websocketError("slow_consumer");
            close(CloseCodes.SLOW_CONSUMER);
        }
    }

    /** Closes once the frames queued so far are written; at once when the queue is full. */
    void closeAfterPending(CloseStatus status) {
        closeAfterPending = status;
        if (!outbound.offer(CLOSE_AFTER_PENDING)) {
            close(status);
        }
    }

    /** Closes once; the close handshake runs on its own thread since a stuck client may block it. */
    void close(CloseStatus status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.interrupt();
        Thread.ofVirtual().start(() -> {
            try {
                session.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("Closing WebSocket {} failed", id(), e);
            }
        });
    }

    /** Marks the connection gone after the container closed it. */
    void closed() {
        closed.set(true);
        writer.interrupt();
    }

    private void drain() {
        try {
            while (!closed.get()) {
                TextMessage frame = outbound.take();
                if (frame == CLOSE_AFTER_PENDING) {
                    close(closeAfterPending);
                    return;
                }
                session.sendMessage(frame);
                metrics.frameOut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.debug("WebSocket {} send failed; closing", id(), e);
            close(CloseStatus.SERVER_ERROR);
        }
    }
}
