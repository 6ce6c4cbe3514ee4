package io.secureconnect.gateway.resilience;

import java.util.Locale;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.gateway.routing.DownstreamServices;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per downstream service (not per route: the chat REST and WebSocket routes fail together).
 * Each exports {@code circuit_breaker_state{service,state}}: 1 for the state it is in, 0 for the others, so an
 * alert is {@code circuit_breaker_state{state="open"} == 1}. Transitions are logged once each.
 */
@Component
class ServiceCircuitBreakers {

    private static final Logger log = LoggerFactory.getLogger(ServiceCircuitBreakers.class);
    private static final CircuitBreaker.State[] EXPORTED =
            {CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN};

    private final CircuitBreakerRegistry registry;
    private final MeterRegistry meters;

    ServiceCircuitBreakers(ResilienceProperties properties, MeterRegistry meters, GatewayProperties gateway) {
        this.meters = meters;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                .waitDurationInOpenState(properties.waitInOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(properties.permittedCallsInHalfOpen())
                .recordException(DownstreamFailures::isTransportFailure)
                .build());
        // every service's series exists from the start, not only after its first request
        gateway.getRoutes().forEach(route -> forService(DownstreamServices.nameOf(route.getId(), route.getMetadata())));
    }

    CircuitBreaker forService(String service) {
        return registry.find(service).orElseGet(() -> register(service));
    }

    private synchronized CircuitBreaker register(String service) {
        var existing = registry.find(service);
        if (existing.isPresent()) {
            return existing.get();
        }
        CircuitBreaker breaker = registry.circuitBreaker(service);
        breaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit breaker of the {} service: {}",
                service, event.getStateTransition()));
        for (CircuitBreaker.State state : EXPORTED) {
            Gauge.builder("circuit.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the state a downstream service's circuit breaker is in")
                    .tags("service", service, "state", state.name().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
        return breaker;
    }
}
