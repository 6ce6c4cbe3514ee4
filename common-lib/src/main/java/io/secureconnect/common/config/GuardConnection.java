package io.secureconnect.common.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Where RedisGuard sends its PING: a Lettuce connection of its own, to the same server with the same client settings.
 * On the shared connection the PING queued behind every command in flight, so a burst of traffic (a reconnect storm
 * of thousands of sockets, a gateway at its limit) looked like a slow Redis and switched the instance to its
 * fallbacks, which then sent every token check to auth-service. Sentinel and cluster set-ups keep the shared
 * connection (no copy of those is made here).
 */
final class GuardConnection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GuardConnection.class);

    private final RedisConnectionFactory factory;
    private final LettuceConnectionFactory own;

    GuardConnection(RedisConnectionFactory shared) {
        if (shared instanceof LettuceConnectionFactory lettuce && lettuce.getSentinelConfiguration() == null
                && lettuce.getClusterConfiguration() == null) {
            own = new LettuceConnectionFactory(lettuce.getStandaloneConfiguration(), lettuce.getClientConfiguration());
            own.afterPropertiesSet();
            own.start();
            factory = own;
        } else {
            log.debug("Redis health PINGs share the connection of the commands ({})", shared.getClass().getSimpleName());
            own = null;
            factory = shared;
        }
    }

    RedisConnectionFactory factory() {
        return factory;
    }

    @Override
    public void destroy() {
        if (own != null) {
            own.destroy();
        }
    }
}
