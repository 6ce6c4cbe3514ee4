package io.secureconnect.chat.support;

import java.net.URI;
import java.time.Duration;

import io.secureconnect.testsupport.websocket.TestSocket;

/** Opens {@code /ws/chat} sockets the way browsers do (token in the {@code bearer} subprotocol), once the server is ready. */
public final class ChatSockets {

    private ChatSockets() {
    }

    /**
     * Connects and waits for the server's {@code ready} frame. Frames are awaited up to 15 s, so a test that retries
     * a send inside a 20 s Awaitility window gets a second try.
     */
    public static TestSocket connect(int port, String token) {
        TestSocket socket = TestSocket.connect(uri(port), token).waitingUpTo(Duration.ofSeconds(15));
        socket.next("ready");
        return socket;
    }

    public static TestSocket connect(ChatApi user) {
        return connect(user.port(), user.token());
    }

    public static URI uri(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/chat");
    }
}
