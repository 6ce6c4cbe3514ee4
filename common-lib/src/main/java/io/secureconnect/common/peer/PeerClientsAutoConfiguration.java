package io.secureconnect.common.peer;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;

import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.peer.auth.AuthSessionsApi;
import io.secureconnect.common.peer.chat.ChatMembersApi;
import io.secureconnect.common.peer.storage.FileSharesApi;
import io.secureconnect.common.requestid.RequestIds;
import io.secureconnect.common.web.CommonErrorCode;

import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The one configuration of every internal client (Spring's HTTP service groups, one group per {@link Peer}): the
 * base URL and timeout from the service's {@link PeerEndpoint}, the request id and W3C {@code traceparent} (through
 * the client observation) carried along, the caller's token relayed where a method takes a {@link CallerToken}, and
 * every call guarded by {@link PeerExchangeGuard} with the peer's own circuit breaker and retry. Breakers and retries
 * configured under {@code resilience4j.*.instances.<group>} win; otherwise a breaker opens when half of the last 20
 * calls failed, and a call is tried twice when the peer could not be reached.
 */
@AutoConfiguration
@EnableConfigurationProperties(PeerClientProperties.class)
@ImportHttpServices(group = "auth", types = AuthBlocksApi.class)
@ImportHttpServices(group = "auth-session", types = AuthSessionsApi.class)
@ImportHttpServices(group = "chat", types = ChatMembersApi.class)
@ImportHttpServices(group = "storage", types = FileSharesApi.class)
public class PeerClientsAutoConfiguration {

    private static final CircuitBreakerConfig BREAKER_DEFAULTS = CircuitBreakerConfig.custom()
            .slidingWindowSize(20).minimumNumberOfCalls(20).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(5)).permittedNumberOfCallsInHalfOpenState(2).build();
    private static final RetryConfig RETRY_DEFAULTS = RetryConfig.custom().maxAttempts(2)
            .waitDuration(Duration.ofMillis(50)).retryOnException(PeerExchangeGuard::worthRetrying).build();

    @Bean
    RestClientHttpServiceGroupConfigurer peerClients(ObjectProvider<PeerEndpoint> endpoints,
                                                     ObjectProvider<CircuitBreakerRegistry> breakerRegistry,
                                                     ObjectProvider<RetryRegistry> retryRegistry,
                                                     ObjectProvider<ObservationRegistry> observations,
                                                     ObjectProvider<Validator> validators) {
        return groups -> {
            Map<Peer, PeerEndpoint> byPeer = byPeer(endpoints);
            CircuitBreakerRegistry breakers = breakerRegistry.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
            RetryRegistry retries = retryRegistry.getIfAvailable(RetryRegistry::ofDefaults);
            Validator validator = validators.getIfAvailable(
                    () -> Validation.buildDefaultValidatorFactory().getValidator());
            groups.forEachGroup((group, client, proxies) -> {
                PeerEndpoint endpoint = byPeer.getOrDefault(peerOf(group), unconfigured(peerOf(group)));
                configure(client, endpoint, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
                CircuitBreaker breaker = breakers.find(group.name())
                        .orElseGet(() -> breakers.circuitBreaker(group.name(), BREAKER_DEFAULTS));
                Retry retry = retries.find(group.name()).orElseGet(() -> retries.retry(group.name(), RETRY_DEFAULTS));
                proxies.customArgumentResolver(new CallerTokenArgument())
                        .exchangeAdapterDecorator(adapter -> new PeerExchangeGuard(adapter, endpoint, breaker, retry,
                                validator));
            });
        };
    }

    private static void configure(RestClient.Builder client, PeerEndpoint endpoint, ObservationRegistry observations) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(endpoint.timeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(endpoint.timeout());
        client.baseUrl(endpoint.baseUrl().toString())
                .requestFactory(requests)
                .observationRegistry(observations)
                .requestInitializer(request -> {
                    String requestId = MDC.get(RequestIds.MDC_KEY);
                    if (RequestIds.isSane(requestId)) {
                        request.getHeaders().set(RequestIds.HEADER, requestId);
                    }
                });
    }

    private static Map<Peer, PeerEndpoint> byPeer(ObjectProvider<PeerEndpoint> endpoints) {
        Map<Peer, PeerEndpoint> byPeer = new EnumMap<>(Peer.class);
        endpoints.orderedStream().forEach(endpoint -> {
            if (byPeer.putIfAbsent(endpoint.peer(), endpoint) != null) {
                throw new IllegalStateException("Two PeerEndpoint beans for " + endpoint.peer());
            }
        });
        return byPeer;
    }

    private static Peer peerOf(HttpServiceGroup group) {
        for (Peer peer : Peer.values()) {
            if (peer.group().equals(group.name())) {
                return peer;
            }
        }
        throw new IllegalStateException("No peer for HTTP service group " + group.name());
    }

    /** A service that never calls this peer has no address for it; a call anyway is refused, never sent elsewhere. */
    private static PeerEndpoint unconfigured(Peer peer) {
        return new PeerEndpoint(peer, URI.create("http://" + peer.group() + ".unconfigured.invalid"),
                Duration.ofSeconds(1), CommonErrorCode.SERVICE_UNAVAILABLE);
    }
}
