package io.secureconnect.gateway.resilience;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.gateway.routing.DownstreamServices;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Wraps every forwarded HTTP call in its service's circuit breaker, so a service that is down or too slow costs
 * clients a fast 503 problem naming the service instead of a hang. A connect error is retried with backoff, but only
 * for idempotent methods: nothing reached the service, so nothing can happen twice. A response timeout or a broken
 * connection is never retried (the service may be acting on the request), and neither is a POST.
 *
 * <p>Only transport failures count against a service; any answer it gives, even a 5xx, shows it is up.
 */
@Component
class DownstreamResilienceFilter implements GlobalFilter, Ordered {

    private static final Set<HttpMethod> IDEMPOTENT =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);

    private final ServiceCircuitBreakers breakers;
    private final ResilienceProperties properties;
    private final MeterRegistry meters;

    DownstreamResilienceFilter(ServiceCircuitBreakers breakers, ResilienceProperties properties, MeterRegistry meters) {
        this.breakers = breakers;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || isWebSocket(route, exchange)) {
            return chain.filter(exchange);
        }
        String service = DownstreamServices.nameOf(route);
        CircuitBreaker breaker = breakers.forService(service);
        if (!breaker.tryAcquirePermission()) {
            long seconds = Math.max(1, properties.waitInOpenState().toSeconds());
            return Mono.error(unavailable(service, Map.of(ApiException.RETRY_AFTER, seconds)));
        }
        long start = System.nanoTime();
        return Mono.defer(() -> chain.filter(exchange))
                .retryWhen(connectRetries(exchange, service))
                .doOnSuccess(done -> breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                .doOnCancel(breaker::releasePermission)
                .onErrorMap(error -> {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error);
                    return DownstreamFailures.isTransportFailure(error) ? unavailable(service, Map.of()) : error;
                });
    }

    private Retry connectRetries(ServerWebExchange exchange, String service) {
        boolean idempotent = IDEMPOTENT.contains(exchange.getRequest().getMethod());
        return Retry.backoff(properties.connectRetries(), properties.firstRetryBackoff())
                .maxBackoff(properties.maxRetryBackoff())
                .filter(error -> idempotent && DownstreamFailures.isConnectFailure(error))
                // the routing filter marks the exchange as routed; a retry must be allowed to route it again
                .doBeforeRetry(signal -> {
                    Counter.builder("gateway.connect.retries").description("Requests sent again after a connect error")
                            .tag("service", service).register(meters).increment();
                    ServerWebExchangeUtils.reset(exchange);
                })
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    private static ApiException unavailable(String service, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("service", service);
        return new ApiException(CommonErrorCode.SERVICE_UNAVAILABLE,
                "The " + service + " service is unavailable, try again shortly.", properties);
    }

    private static boolean isWebSocket(Route route, ServerWebExchange exchange) {
        String scheme = route.getUri().getScheme();
        return "ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)
                || "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
    }

    /**
     * Inside the response writer (order -1), so it wraps exactly the call to the service; after rate limiting, so
     * refused requests never count against a service.
     */
    @Override
    public int getOrder() {
        return 0;
    }
}
