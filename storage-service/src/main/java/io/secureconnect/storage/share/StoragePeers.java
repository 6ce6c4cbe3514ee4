package io.secureconnect.storage.share;

import io.secureconnect.common.peer.Peer;
import io.secureconnect.common.peer.PeerEndpoint;
import io.secureconnect.storage.StorageErrorCode;
import io.secureconnect.storage.StorageProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where storage finds chat-service (common-lib's typed clients do the rest; the {@code chat} circuit breaker is
 * configured in application.yml). A download that chat cannot vouch for is refused with
 * {@code ACCESS_CHECK_UNAVAILABLE}.
 */
@Configuration(proxyBeanMethods = false)
class StoragePeers {

    @Bean
    PeerEndpoint chatPeer(StorageProperties properties) {
        return new PeerEndpoint(Peer.CHAT, properties.chat().url(), properties.chat().timeout(),
                StorageErrorCode.ACCESS_CHECK_UNAVAILABLE);
    }
}
