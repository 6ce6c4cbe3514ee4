package io.secureconnect.common.config;

import io.secureconnect.common.metrics.HttpMetrics;
import io.secureconnect.common.metrics.HttpMetricsWebFilter;
import io.secureconnect.common.requestid.RequestIdWebFilter;
import io.secureconnect.common.tracing.ManagementRequests;
import io.secureconnect.common.web.reactive.WebFluxProblemHandler;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

import tools.jackson.databind.json.JsonMapper;

/** Request ids, HTTP metrics, problem+json errors and which requests are traced, for the WebFlux gateway. */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ReactiveWebAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    HttpMetricsWebFilter httpMetricsWebFilter(HttpMetrics metrics) {
        return new HttpMetricsWebFilter(metrics);
    }

    /** Probes and scrapes get no span (Spring's HTTP handler starts the trace of every other request). */
    @Bean
    ObservationPredicate managementRequestsUntraced() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && ManagementRequests.isManagementPath(request.getCarrier().getPath().value()));
    }

    /** Ahead of Boot's default handler (order -1). */
    @Bean
    @Order(-2)
    WebFluxProblemHandler webFluxProblemHandler(JsonMapper json) {
        return new WebFluxProblemHandler(json);
    }
}
