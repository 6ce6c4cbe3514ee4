package io.secureconnect.chat.realtime;

import java.util.List;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.chat.presence.Presence;
import io.secureconnect.chat.realtime.frames.ReadyFrame;
import io.secureconnect.common.websocket.Inbound;
import io.secureconnect.common.websocket.SocketConnection;
import io.secureconnect.common.websocket.SocketEndpoint;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * {@code /ws/chat}: a socket is greeted with {@code ready} and counts as a presence heartbeat; its frames go to
 * {@link InboundFrames}; when it closes, presence forgets it.
 */
@Component
class ChatEndpoint implements SocketEndpoint {

    private final InboundFrames frames;
    private final Presence presence;
    private final ChatProperties.WebSocket limits;

    ChatEndpoint(InboundFrames frames, Presence presence, ChatProperties properties) {
        this.frames = frames;
        this.presence = presence;
        this.limits = properties.websocket();
    }

    @Override
    public void opened(SocketConnection socket) {
        presence.heartbeat(socket.userId(), socket.id(), false);
        socket.send(new ReadyFrame(socket.userId(), socket.id(), limits.idleTimeout().toSeconds() / 3,
                limits.maxFrameSize().toBytes()));
    }

    @Override
    public void received(SocketConnection socket, List<Inbound> received) {
        frames.handleAll(socket, received);
    }

    @Override
    public void closed(SocketConnection socket, CloseStatus status) {
        presence.disconnected(socket.userId(), socket.id());
    }
}
