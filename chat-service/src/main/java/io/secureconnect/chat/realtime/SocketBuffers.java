package io.secureconnect.chat.realtime;

import io.secureconnect.common.websocket.TextFrameWriter;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Smaller per-connection buffers, so that one instance holds tens of thousands of idle sockets in a 1 GiB heap. An
 * open {@code /ws/chat} socket keeps its connection's buffers for its whole life: Tomcat's read and write buffers of
 * the connection (8 KiB each by default) and three WebSocket buffers (frame input, output, encoder; 8 KiB each,
 * sized by a system property read once when Tomcat's WebSocket classes load, hence {@link #shrinkWebSocketBuffers}
 * from the application class). Frames bigger than a buffer still work: they take several reads or writes (and an
 * outbound frame above it leaves as a fragmented message, which every WebSocket client reassembles; see
 * {@link TextFrameWriter} for why fragments never split a character).
 */
@Component
public class SocketBuffers implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    static final String TOMCAT_WEBSOCKET_BUFFER = TextFrameWriter.TOMCAT_BUFFER_PROPERTY;
    private static final int WEBSOCKET_BUFFER_BYTES = 2048;
    private static final int CONNECTION_BUFFER_BYTES = 4096;

    /** Call before Tomcat starts; a value given on the command line ({@code -D}) wins. */
    public static void shrinkWebSocketBuffers() {
        if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
            System.setProperty(TOMCAT_WEBSOCKET_BUFFER, String.valueOf(WEBSOCKET_BUFFER_BYTES));
        }
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(CONNECTION_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(CONNECTION_BUFFER_BYTES));
        });
    }
}
