package io.secureconnect.chat.support;

import java.net.URI;

import io.secureconnect.testsupport.websocket.TestSocket;

/** Opens {@code /ws/chat} sockets the way browsers do (token in the {@code bearer} subprotocol), once the server is ready. */
public final class ChatSockets {

    private ChatSockets() {
    }

    /** Connects and waits for the server's {@code ready} frame. */
    public static TestSocket connect(int port, String token) {
        TestSocket socket = TestSocket.connect(uri(port), token);
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
