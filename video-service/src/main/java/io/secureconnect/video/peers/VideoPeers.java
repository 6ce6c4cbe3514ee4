package io.secureconnect.video.peers;

import java.net.URI;

import io.secureconnect.common.peer.Peer;
import io.secureconnect.common.peer.PeerEndpoint;
import io.secureconnect.video.VideoErrorCode;
import io.secureconnect.video.VideoProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where video finds the services it asks on a caller's behalf (common-lib's typed clients do the rest), and what
 * the caller is told when one cannot answer: {@code CHAT_UNAVAILABLE} (membership) or {@code AUTH_UNAVAILABLE}
 * (blocks).
 */
@Configuration(proxyBeanMethods = false)
class VideoPeers {

    @Bean
    PeerEndpoint chatPeer(VideoProperties properties) {
        return new PeerEndpoint(Peer.CHAT, URI.create(properties.chatUrl()), properties.peerTimeout(),
                VideoErrorCode.CHAT_UNAVAILABLE);
    }

    @Bean
    PeerEndpoint authPeer(VideoProperties properties) {
        return new PeerEndpoint(Peer.AUTH, URI.create(properties.authUrl()), properties.peerTimeout(),
                VideoErrorCode.AUTH_UNAVAILABLE);
    }
}
