package io.secureconnect.chat;

import io.secureconnect.common.events.RevokedSessionEvents;
import io.secureconnect.common.redis.RedisSubscription;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Hears auth-service's session revocations and hands each to this instance's listeners as an application event
 * ({@link RevokedSessionEvents.Revocation}): the socket watch closes the sessions' sockets, push and keys drop the
 * devices they registered.
 */
@Configuration(proxyBeanMethods = false)
class RevokedSessionsSubscription {

    @Bean
    RedisSubscription revokedSessions(RevokedSessionEvents events, RedisConnectionFactory connections,
                                      ApplicationEventPublisher publisher) {
        return events.subscription(connections, publisher::publishEvent);
    }
}
