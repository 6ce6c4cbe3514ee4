package io.secureconnect.video.signaling;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Subscribes the relay to the other instances' frames; the container resubscribes by itself after Redis returns. */
@Configuration(proxyBeanMethods = false)
class RelaySubscription {

    @Bean
    RedisMessageListenerContainer relayListener(RedisConnectionFactory connections, SignalRelay relay) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setRecoveryInterval(Duration.ofSeconds(1).toMillis());
        container.addMessageListener(relay, new ChannelTopic(SignalRelay.CHANNEL));
        return container;
    }
}
