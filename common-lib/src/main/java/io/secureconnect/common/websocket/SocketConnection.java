package io.secureconnect.common.websocket;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.secureconnect.common.security.MfaEnrolment;
import io.secureconnect.common.text.StorableText;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open socket of an authenticated user, whichever service serves it. Outbound frames go through a bounded queue
 * drained by a virtual thread of the connection's own while frames wait (an idle socket has none, which keeps it
 * cheap), so a client that does not read fills only its own queue and is then disconnected (4500): it never blocks
 * the thread that fans a frame out to everyone else. Inbound frames are handled off the container's thread, in
 * order, several at a time.
 */
public final class SocketConnection {

    private static final Logger log = LoggerFactory.getLogger(SocketConnection.class);
    /** Queued behind the frames already waiting, so the client reads them (its errors, say) before the close. */
    private static final TextMessage CLOSE_AFTER_PENDING = new TextMessage("close");
    /** Inbound frames read but not yet handled; a full backlog holds the reader back, and so the client. */
    private static final int INBOUND_BACKLOG = 512;
    /** Frames handed to the handler at once (a service may store consecutive ones in one commit). */
    private static final int INBOUND_BATCH = 128;
    /** Frames gathered into one flush at most, so a busy socket still sends some every now and then. */
    private static final int WRITE_BATCH = 64;
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("ws-writer").factory();
    private static final ThreadFactory READERS = Thread.ofVirtual().name("ws-reader").factory();

    private final WebSocketSession session;
    private final UUID userId;
    private final BlockingQueue<TextMessage> outbound;
    private final FrameRateLimit inbound;
    private final long idleTimeoutNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** A close is queued behind the pending frames: the first reason stands, and no more frames are taken. */
    private final AtomicBoolean closing = new AtomicBoolean();
    private final SocketMetrics metrics;
    private final JsonMapper json;
    /** The thread writing queued frames, while there are any: an idle socket has none. */
    private volatile Thread writer;
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile Jwt token;
    private volatile CloseStatus closeAfterPending;
    private volatile CloseStatus closedWith;
    private volatile long lastFrameNanos = System.nanoTime();
    private final BlockingQueue<String> inboundFrames = new LinkedBlockingQueue<>(INBOUND_BACKLOG);
    private final AtomicBoolean inboundRunning = new AtomicBoolean();
    // inbound frame assembly: touched only by the container's reader of this socket, one part at a time
    private StringBuilder partialText;
    private long binaryLength;
    private boolean frameTooBig;

    SocketConnection(WebSocketSession session, Jwt token, SocketLimits limits, SocketMetrics metrics, JsonMapper json) {
        this.session = session;
        this.token = token;
        this.userId = UUID.fromString(token.getSubject());
        this.outbound = new LinkedBlockingQueue<>(limits.outboundQueue()); // allocates per queued frame, not per capacity
        this.inbound = new FrameRateLimit(limits, System.nanoTime());
        this.idleTimeoutNanos = limits.idleTimeout().toNanos();
        this.metrics = metrics;
        this.json = json;
    }

    /** The container's id of the socket, also sent to the client in its first frame. */
    public String id() {
        return session.getId();
    }

    public UUID userId() {
        return userId;
    }

    /** The access token the socket is authenticated with now: the handshake's, or the last one the client sent. */
    public Jwt token() {
        return token;
    }

    /** The auth-service session ({@code sid}) of the current token. */
    public String sessionId() {
        return token.getClaimAsString("sid");
    }

    /**
     * A fresh token for a long-lived socket, sent before the old one expires: taken when it is the same user's,
     * refused (false) when it is another's or is limited to enrolling a second factor (docs/identity.md, Policy: such a
     * token is good for no socket).
     */
    public boolean reauthenticate(Jwt fresh) {
        if (MfaEnrolment.restricted(fresh) || !userId.toString().equals(fresh.getSubject())) {
            return false;
        }
        this.token = fresh;
        return true;
    }

    /** The handshake's URI, whose query may carry what the socket is for (a call to join). */
    public URI uri() {
        return session.getUri();
    }

    /** The status the server closed the socket with, or null while it is open or when the client closed it. */
    public CloseStatus closedWith() {
        return closedWith;
    }

    FrameRateLimit inbound() {
        return inbound;
    }

    /**
     * Puts a text frame together from the parts the container hands over (its buffer is smaller than the frame
     * limit, so that idle sockets stay cheap): the whole frame with the last part, otherwise null. A frame above
     * {@code maxChars} yields null and {@link #frameTooBig()}.
     */
    String assemble(String part, boolean last, int maxChars) {
        if (frameTooBig) {
            return null;
        }
        if (partialText == null && last) {
            return part.length() <= maxChars ? part : tooBig();
        }
        if (partialText == null) {
            partialText = new StringBuilder(Math.min(maxChars, part.length() * 4));
        }
        if (partialText.length() + part.length() > maxChars) {
            return tooBig();
        }
        partialText.append(part);
        if (!last) {
            return null;
        }
        String frame = partialText.toString();
        partialText = null;
        return frame;
    }

    /** Counts a part of a binary frame: true when the frame is complete and within {@code maxBytes}. */
    boolean countBinary(int partLength, boolean last, int maxBytes) {
        if (frameTooBig) {
            return false;
        }
        binaryLength += partLength;
        if (binaryLength > maxBytes) {
            tooBig();
            return false;
        }
        if (last) {
            binaryLength = 0;
        }
        return last;
    }

    /** True once a frame above the limit arrived; the socket is then to be closed with 1009. */
    boolean frameTooBig() {
        return frameTooBig;
    }

    private String tooBig() {
        frameTooBig = true;
        partialText = null;
        return null;
    }

    void touched() {
        lastFrameNanos = System.nanoTime();
    }

    /** Silent for longer than the idle timeout, if the socket has one. */
    boolean idleTimedOut() {
        return idleTimeoutNanos > 0 && System.nanoTime() - lastFrameNanos > idleTimeoutNanos;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Whether the client's frames are still taken: not once a close is under way, so that a flood that goes on while
     * the socket is being closed for it cannot queue error after error in front of the close, nor push it out.
     */
    boolean takesFrames() {
        return !closed.get() && !closing.get();
    }

    /**
     * Hands a complete inbound frame to {@code handler}, off the container's reading thread, in arrival order: one
     * virtual thread at a time per socket takes all the frames that are waiting, so that frames that arrive while
     * earlier ones are being handled (a client sending faster than one database commit) are handled together.
     */
    void received(String frame, Consumer<List<String>> handler) throws InterruptedException {
        inboundFrames.put(frame);
        if (inboundRunning.compareAndSet(false, true)) {
            READERS.newThread(() -> handleInbound(handler)).start();
        }
    }

    private void handleInbound(Consumer<List<String>> handler) {
        List<String> batch = new ArrayList<>();
        while (true) {
            inboundFrames.drainTo(batch, INBOUND_BATCH);
            if (batch.isEmpty()) {
                inboundRunning.set(false);
                // a frame queued after drainTo but before the flag was cleared started no thread: take it here
                if (inboundFrames.isEmpty() || !inboundRunning.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (closed.get()) {
                inboundFrames.clear();
                batch.clear();
                continue;
            }
            try {
                handler.accept(batch);
            } catch (RuntimeException e) {
                log.error("Handling frames of WebSocket {} failed", id(), e);
            }
            batch.clear();
        }
    }

    /** Queues a frame for this socket alone (an answer, an error). */
    public void send(ServerFrame frame) {
        send(new TextMessage(json.writeValueAsString(frame)));
    }

    /**
     * Queues a frame already written (one text for every socket a frame fans out to); a full queue means the client
     * is not keeping up, and it is disconnected (4500).
     */
    public void send(TextMessage frame) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(frame)) {
            log.info("Disconnecting slow WebSocket client {} of user {}: {} frames queued", id(), userId, outbound.size());
            metrics.error("slow_consumer");
            close(CloseCodes.status(CloseCodes.SLOW_CONSUMER, "SLOW_CONSUMER"));
            return;
        }
        startWriting();
    }

    /**
     * Refuses the socket: {@code error} says why, then the socket closes with {@code closeCode} (the error's code as
     * the reason) once the frames queued before it are written.
     */
    public void refuse(ErrorFrame error, int closeCode) {
        send(error);
        closeAfterPending(CloseCodes.status(closeCode, error.code()));
    }

    /** Closes once the frames queued so far are written; at once when the queue is full. */
    public void closeAfterPending(CloseStatus status) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeAfterPending = status;
        if (!outbound.offer(CLOSE_AFTER_PENDING)) {
            close(status);
            return;
        }
        startWriting();
    }

    /** Closes once; the close handshake runs on its own thread since a stuck client may block it. */
    public void close(CloseStatus status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closedWith = status;
        interruptWriter();
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
        interruptWriter();
    }

    private void interruptWriter() {
        Thread current = writer;
        if (current != null) {
            current.interrupt();
        }
    }

    private void startWriting() {
        if (writing.compareAndSet(false, true)) {
            writer = WRITERS.newThread(this::drain);
            writer.start();
        }
    }

    /** Writes queued frames until none is left; a frame queued meanwhile starts the next writer. */
    private void drain() {
        try {
            while (true) {
                TextMessage frame = outbound.poll();
                if (frame == null) {
                    writer = null;
                    writing.set(false);
                    // a frame queued after the poll but before the flag was cleared started no writer: take it here
                    if (outbound.isEmpty() || !writing.compareAndSet(false, true)) {
                        return;
                    }
                    writer = Thread.currentThread();
                    continue;
                }
                if (closed.get()) {
                    outbound.clear();
                    continue;
                }
                TextMessage next = outbound.poll();
                if (next == null) {
                    write(frame);
                } else {
                    writeBatch(frame, next);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (closed.get()) {
                log.debug("WebSocket {} closed while a frame was written", id(), e); // the client went: routine
            } else {
                // a frame half written leaves the socket unusable, so it closes; say why, since the client cannot
                log.warn("Closing WebSocket {} of user {}: writing a frame failed: {}", id(), userId, e.toString(), e);
                metrics.error("write_failed");
            }
            close(CloseStatus.SERVER_ERROR);
        }
    }

    /**
     * Several frames are waiting (a busy conversation, or a client reading slower than we write): the container may
     * gather them into as few socket writes as its buffer allows, which costs both sides far less than a write each.
     */
    private void writeBatch(TextMessage first, TextMessage second) throws IOException {
        RemoteEndpoint.Basic remote = remote();
        if (remote == null) {
            write(first);
            write(second);
            return;
        }
        boolean closeAfter;
        remote.setBatchingAllowed(true);
        try {
            closeAfter = gather(first) || gather(second);
            TextMessage frame;
            for (int i = 0; !closeAfter && i < WRITE_BATCH && !closed.get() && (frame = outbound.poll()) != null; i++) {
                closeAfter = gather(frame);
            }
        } finally {
            if (!closed.get()) {
                remote.setBatchingAllowed(false); // writes what was gathered
            }
        }
        if (closeAfter) {
            // only now: closing first would drop what was gathered, and the client would never read why it was closed
            close(closeAfterPending);
        }
    }

    /** Writes a frame into the batch; true, writing nothing, for the close queued behind the frames before it. */
    private boolean gather(TextMessage frame) throws IOException {
        if (frame == CLOSE_AFTER_PENDING) {
            return true;
        }
        write(frame);
        return false;
    }

    private void write(TextMessage frame) throws IOException {
        if (closed.get()) {
            return;
        }
        if (frame == CLOSE_AFTER_PENDING) {
            close(closeAfterPending);
            return;
        }
        String payload = frame.getPayload();
        if (!StorableText.isWellFormed(payload)) {
            // checked before the first byte goes out: a frame that fails half written would take the socket with it
            log.warn("Skipping a frame for WebSocket {} of user {}: not well-formed text (an unpaired surrogate at {})",
                    id(), userId, StorableText.firstUnpairedSurrogate(payload));
            metrics.error("undeliverable_frame");
            return;
        }
        RemoteEndpoint.Basic remote = remote();
        if (remote == null) {
            session.sendMessage(frame);
        } else {
            // through the container's Writer, which copies the text into a char array: Tomcat encodes that to UTF-8
            // many times faster than a String, which it reads char by char (a third of the service's CPU in the
            // fan-out benchmark, where every message is written to 100 sockets)
            try (Writer writer = remote.getSendWriter()) {
                Container.FRAMES.write(payload, writer);
            }
        }
        metrics.frameOut();
    }

    /** Sized on first use, once a socket is open and Tomcat has read its buffer size. */
    private static final class Container {
        static final TextFrameWriter FRAMES = TextFrameWriter.forContainer();
    }

    private RemoteEndpoint.Basic remote() {
        return session instanceof NativeWebSocketSession nativeSession
                ? nativeSession.getNativeSession(Session.class).getBasicRemote() : null;
    }
}
