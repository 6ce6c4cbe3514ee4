package io.secureconnect.video.signaling;

import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.redis.RedisSubscription;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Subscribes the relay to the other instances' frames, and the token watch to auth-service's session revocations (as
 * application events), in the background so the service starts without Redis; the subscriptions are renewed by
 * themselves after Redis returns.
 */
@Configuration(proxyBeanMethods = false)
class RelaySubscription {

    @Bean
    RedisSubscription relayListener(RedisConnectionFactory connections, SignalRelay relay) {
        return new RedisSubscription(connections, SignalRelay.CHANNEL, relay);
    }

    @Bean
    RedisSubscription revokedSessions(RevokedSessionEvents events, RedisConnectionFactory connections,
                                      ApplicationEventPublisher publisher) {
        return events.subscription(connections, publisher::publishEvent);
    }
}
