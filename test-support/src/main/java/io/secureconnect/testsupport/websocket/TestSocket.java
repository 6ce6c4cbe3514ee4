package io.secureconnect.testsupport.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A WebSocket client for tests, on the JDK's {@code java.net.http}, that speaks to a socket endpoint as a client
 * would: it connects with the access token in the {@code bearer} subprotocol (as browsers send it) or in the
 * {@code access_token} query parameter, sends text frames, and keeps every text frame it receives, assembled from
 * its parts, in arrival order.
 *
 * <p>A test takes frames from an inbox: the next one, the next one of a type or matching a condition (frames
 * before it that do not match stay in the inbox for later), or all of them until the server goes quiet. Every
 * frame ever received stays in {@link #received()}, for asserting what did not arrive. Frames that are not JSON
 * (a test's echo server) are read with {@link #nextText()}. When the socket ends, {@link #awaitClose()} gives the
 * close code the server sent, or 1006 when the connection broke without one.
 *
 * <p>While {@link FrameCheck} is on (the system tests turn it on with {@link AsyncApiFrameCheck}), every frame
 * received on {@code /ws/chat} or {@code /ws/calls} is also checked against the AsyncAPI descriptions.
 */
public final class TestSocket implements AutoCloseable {

    /** How long a test waits for a connection, a send, a frame or a close unless it says otherwise. */
    public static final Duration WAIT = Duration.ofSeconds(20);
    /** The code a client reports for a connection that ended without a close frame (RFC 6455, 7.1.5). */
    public static final int ABNORMAL_CLOSURE = 1006;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** Received and not yet taken, in arrival order. */
    private final List<Frame> inbox = new ArrayList<>();
    private final List<Frame> received = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile boolean reading = true;
    private volatile Duration wait = WAIT;
    private final URI uri;
    private WebSocket socket;

    private TestSocket(URI uri) {
        this.uri = uri;
    }

    /** Connects with the token in {@code Sec-WebSocket-Protocol: bearer, <token>}, as a browser does. */
    public static TestSocket connect(URI uri, String accessToken) {
        return open(uri, "bearer", accessToken);
    }

    /** Connects with the token in the {@code access_token} query parameter instead of a subprotocol. */
    public static TestSocket connectWithTokenInQuery(URI uri, String accessToken) {
        String separator = uri.getRawQuery() == null ? "?" : "&";
        return open(URI.create(uri + separator + "access_token=" + accessToken));
    }

    /**
     * Connects offering exactly these subprotocols (none: no token at all). A refused handshake surfaces as a
     * {@link java.util.concurrent.CompletionException} whose cause is the JDK's
     * {@link java.net.http.WebSocketHandshakeException}, which holds the HTTP answer.
     */
    public static TestSocket open(URI uri, String... subprotocols) {
        TestSocket client = new TestSocket(uri);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(uri, client.new Listener())
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return client;
    }

    /**
     * Waits up to {@code wait} for a frame or the close from now on, instead of {@link #WAIT}: a test that retries
     * inside a window of its own needs each try to end before the window does.
     */
    public TestSocket waitingUpTo(Duration wait) {
        this.wait = wait;
        return this;
    }

    /** The subprotocol the server chose; empty when it chose none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends a JSON frame. */
    public void send(Map<String, ?> frame) {
        send(JSON.writeValueAsString(frame));
    }

    /** Sends a text frame as it is (JSON written by hand, or text that is not JSON at all). */
    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /**
     * Sends {@code {"type":"ping"}} and waits for the {@code pong}: every frame the server sent before it is then in
     * the inbox.
     */
    public void ping() {
        send("{\"type\":\"ping\"}");
        next("pong");
    }

    /** The next frame, whatever its type, waiting up to {@link #WAIT} (or what {@link #waitingUpTo} set). */
    public JsonNode next() {
        return next(frame -> true, "a frame");
    }

    /** The next frame of this {@code type}; frames of other types before it stay in the inbox. */
    public JsonNode next(String type) {
        return next(frame -> type.equals(frame.path("type").asString()), "a " + type + " frame");
    }

    /** The next frame matching the condition; frames before it that do not match stay in the inbox. */
    public JsonNode next(Predicate<JsonNode> matching, String description) {
        Frame frame = take(matching, wait);
        if (frame == null) {
            throw new AssertionError("no " + description + " within " + wait.toSeconds() + " s (" + received().size()
                    + " frames received in all); waiting in the inbox: " + texts(inbox())
                    + (isClosed() ? "; closed with " + closeCode.join() : ""));
        }
        return frame.json();
    }

    /** The text of the next frame, for servers whose frames are not JSON. */
    public String nextText() {
        Frame frame = take(any -> true, wait);
        if (frame == null) {
            throw new AssertionError("no frame within " + wait.toSeconds() + " s");
        }
        return frame.text();
    }

    /** The next frame within {@code wait}, or null if none came (a closed socket gets none). */
    public JsonNode poll(Duration wait) {
        Frame frame = take(any -> true, wait);
        return frame == null ? null : frame.json();
    }

    /** Every frame in the inbox and any that follow until none came for {@code quiet}, taken out of the inbox. */
    public List<JsonNode> takeAll(Duration quiet) {
        return takeAll(frame -> true, quiet);
    }

    /**
     * Every frame of {@code type} in the inbox and any that follow until no frame at all came for {@code quiet},
     * taken out of the inbox; frames of other types stay.
     */
    public List<JsonNode> takeAll(String type, Duration quiet) {
        return takeAll(frame -> type.equals(frame.path("type").asString()), quiet);
    }

    /** Every frame received since the socket opened, taken or not, in arrival order. */
    public List<JsonNode> received() {
        lock.lock();
        try {
            return received.stream().map(Frame::json).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The close code the server sent (1006 when the connection broke without one), waiting as long as for a frame. */
    public int awaitClose() {
        return awaitClose(wait);
    }

    /** The close code, waiting up to {@code timeout}; fails when the socket is still open then. */
    public int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The reason the server gave with its close frame; null while open or when the connection broke. */
    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /**
     * Stops asking for frames, as a client that stops reading would: the server's writes back up in the network
     * buffers (at most one more frame is read).
     */
    public void stopReading() {
        reading = false;
    }

    /** Closes with 1000, as a client that leaves does, and waits for the server's answering close. */
    public void closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        awaitClose();
    }

    /**
     * Drops the connection without a close frame if it is still open, as a lost network would: the end of a test,
     * not a client saying goodbye ({@link #closeNormally()}).
     */
    @Override
    public void close() {
        if (!closeCode.isDone()) {
            socket.abort();
        }
    }

    private Frame take(Predicate<JsonNode> matching, Duration wait) {
        long remaining = wait.toNanos();
        lock.lock();
        try {
            while (true) {
                for (Iterator<Frame> frames = inbox.iterator(); frames.hasNext(); ) {
                    Frame frame = frames.next();
                    if (matching.test(frame.json())) {
                        frames.remove();
                        return frame;
                    }
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = arrived.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a frame", e);
        } finally {
            lock.unlock();
        }
    }

    private List<JsonNode> takeAll(Predicate<JsonNode> matching, Duration quiet) {
        lock.lock();
        try {
            int count = received.size();
            long quietLeft = quiet.toNanos();
            while (quietLeft > 0) {
                quietLeft = arrived.awaitNanos(quietLeft);
                if (received.size() != count) {
                    count = received.size();
                    quietLeft = quiet.toNanos();
                }
            }
            List<JsonNode> taken = new ArrayList<>();
            for (Iterator<Frame> frames = inbox.iterator(); frames.hasNext(); ) {
                Frame frame = frames.next();
                if (matching.test(frame.json())) {
                    frames.remove();
                    taken.add(frame.json());
                }
            }
            return taken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while collecting frames", e);
        } finally {
            lock.unlock();
        }
    }

    private List<Frame> inbox() {
        lock.lock();
        try {
            return List.copyOf(inbox);
        } finally {
            lock.unlock();
        }
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(Frame::text).toList();
    }

    private void add(Frame frame) {
        lock.lock();
        try {
            inbox.add(frame);
            received.add(frame);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One text frame: as it came, and as JSON (missing when it is not JSON). */
    private record Frame(String text, JsonNode json) {

        static Frame of(String text) {
            try {
                return new Frame(text, JSON.readTree(text));
            } catch (JacksonException notJson) {
                return new Frame(text, MissingNode.getInstance());
            }
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                FrameCheck.received(uri, text);
                add(Frame.of(text));
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(ABNORMAL_CLOSURE);
        }
    }
}
