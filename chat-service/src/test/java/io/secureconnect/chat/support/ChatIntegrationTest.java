package io.secureconnect.chat.support;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.secureconnect.chat.realtime.SocketBuffers;
import io.secureconnect.common.id.Ids;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of chat's integration tests: the peer URLs, the port, recorded audit, and users in one line. */
@ChatServiceTest
public abstract class ChatIntegrationTest {

    protected static final PeerStub peers = PeerStub.shared();

    static {
        SocketBuffers.shrinkWebSocketBuffers(); // the small WebSocket buffers main() gives the service
    }

    @DynamicPropertySource
    static void peerServices(DynamicPropertyRegistry properties) {
        properties.add("secureconnect.chat.auth-url", peers::url);
        properties.add("secureconnect.chat.storage-url", peers::url);
        properties.add("secureconnect.security.session-status-uri", peers::sessionStatusUrl);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected RecordedAudit audit;

    /** {@code count} new users. */
    protected List<ChatApi> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> user()).toList();
    }

    /** A new user with a valid access token, talking to this instance. */
    protected ChatApi user() {
        UUID id = Ids.newId();
        return new ChatApi(port, id);
    }
}
