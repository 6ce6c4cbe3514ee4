package io.secureconnect.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for the web client, from {@code secureconnect.gateway.edge.cors-allowed-origins}. It runs before security, so
 * a preflight (which never carries a token) is answered here instead of being refused with 401; an origin not on the
 * list gets 403.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 7)
    CorsWebFilter corsWebFilter(EdgeProperties properties) {
        var cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-ID", "Idempotency-Key", "traceparent"));
        cors.setExposedHeaders(List.of("X-Request-ID", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(Duration.ofHours(1));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return new CorsWebFilter(source);
    }
}
