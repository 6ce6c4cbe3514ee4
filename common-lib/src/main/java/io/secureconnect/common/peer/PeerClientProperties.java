package io.secureconnect.common.peer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the peer clients that no service owns (each service's own peers come with its own URL and timeout
 * settings, as {@link PeerEndpoint} beans).
 *
 * @param sessionStatusTimeout how long auth-service may take to say whether a session is active (asked while Redis is
 *                             down) before the request is refused
 */
@ConfigurationProperties("secureconnect.peers")
public record PeerClientProperties(@DefaultValue("2s") Duration sessionStatusTimeout) {
}
