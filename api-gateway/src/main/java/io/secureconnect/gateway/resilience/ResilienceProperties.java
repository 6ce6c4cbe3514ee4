package io.secureconnect.gateway.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway protects itself and its clients from a service that is down or too slow. Connect and response
 * timeouts are per route (route metadata {@code connect-timeout} and {@code response-timeout}, in ms).
 *
 * @param failureRateThreshold      percentage of failed calls (connect errors, timeouts) that opens a service's circuit
 * @param slidingWindowSize         calls the failure rate is computed over
 * @param minimumNumberOfCalls      calls needed before the rate counts at all
 * @param waitInOpenState           how long an open circuit refuses calls before letting a few through (half-open)
 * @param permittedCallsInHalfOpen  trial calls in half-open; all must succeed for the circuit to close again
 * @param connectRetries            further attempts after a connect error, for idempotent methods only
 * @param firstRetryBackoff         pause before the first retry; doubled for each further one
 * @param maxRetryBackoff           upper bound of that pause
 */
@ConfigurationProperties("secureconnect.gateway.resilience")
public record ResilienceProperties(
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("10") int slidingWindowSize,
        @DefaultValue("5") int minimumNumberOfCalls,
        @DefaultValue("10s") Duration waitInOpenState,
        @DefaultValue("3") int permittedCallsInHalfOpen,
        @DefaultValue("2") int connectRetries,
        @DefaultValue("50ms") Duration firstRetryBackoff,
        @DefaultValue("400ms") Duration maxRetryBackoff) {
}
