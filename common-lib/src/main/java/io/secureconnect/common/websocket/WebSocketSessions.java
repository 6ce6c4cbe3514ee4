package io.secureconnect.common.websocket;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.secureconnect.common.shutdown.LongLivedConnections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Knows every open WebSocket of this instance so shutdown can close them with 1001 "going away". Services wrap
 * their handlers with {@link #track(WebSocketHandler)} when registering them.
 */
public class WebSocketSessions implements LongLivedConnections {

    private static final Logger log = LoggerFactory.getLogger(WebSocketSessions.class);

    private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();

    public WebSocketHandler track(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                open.add(session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                open.remove(session);
                super.afterConnectionClosed(session, status);
            }
        };
    }

    public int count() {
        return open.size();
    }

    /** Closes every open socket with 1001 "going away". */
    @Override
    public void goAway() {
        if (!open.isEmpty()) {
            log.info("Closing {} WebSocket connections with {}", open.size(), CloseStatus.GOING_AWAY.getCode());
        }
        for (WebSocketSession session : open) {
            try {
                session.close(CloseStatus.GOING_AWAY);
            } catch (IOException | RuntimeException e) {
                log.debug("Could not close WebSocket {}", session.getId(), e);
            }
        }
        open.clear();
    }
}
