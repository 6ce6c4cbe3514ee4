package io.secureconnect.chat.peer;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.ChatProperties;
import io.secureconnect.common.peer.Peer;
import io.secureconnect.common.peer.PeerEndpoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where chat finds the services it asks on a user's behalf (common-lib's typed clients do the rest); when one
 * cannot answer, the user gets {@code PEER_UNAVAILABLE}.
 */
@Configuration(proxyBeanMethods = false)
class ChatPeers {

    @Bean
    PeerEndpoint authPeer(ChatProperties properties) {
        return new PeerEndpoint(Peer.AUTH, properties.authUrl(), properties.peerTimeout(),
                ChatErrorCode.PEER_UNAVAILABLE);
    }

    @Bean
    PeerEndpoint storagePeer(ChatProperties properties) {
        return new PeerEndpoint(Peer.STORAGE, properties.storageUrl(), properties.peerTimeout(),
                ChatErrorCode.PEER_UNAVAILABLE);
    }
}
