package io.secureconnect.video.signaling;

import io.secureconnect.common.redis.RedisSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Subscribes the relay to the other instances' frames, in the background so the service starts without Redis; the
 * subscription is renewed by itself after Redis returns.
 */
@Configuration(proxyBeanMethods = false)
class RelaySubscription {

    @Bean
    RedisSubscription relayListener(RedisConnectionFactory connections, SignalRelay relay) {
        return new RedisSubscription(connections, SignalRelay.CHANNEL, relay);
    }
}
