package io.secureconnect.common.config;

import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.metrics.HttpMetrics;
import io.secureconnect.common.metrics.HttpMetricsFilter;
import io.secureconnect.common.requestid.RequestIdFilter;
import io.secureconnect.common.tracing.ManagementRequests;
import io.secureconnect.common.web.servlet.GatewayClientAddress;
import io.secureconnect.common.web.servlet.MvcProblemHandler;
import io.secureconnect.common.web.servlet.ProblemErrorController;
import io.secureconnect.common.web.servlet.ProblemResponses;
import io.secureconnect.common.web.servlet.RequestBodyLimitFilter;

import io.micrometer.observation.ObservationPredicate;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * Request ids, HTTP metrics, body limits, problem+json errors and which requests are traced, for the Spring MVC
 * services. The filters run before Spring Security, so even a refused request has an id, a metric, a trace id and a
 * problem body.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServletWebAutoConfiguration {

    @Bean
    ProblemResponses problemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    /** Probes and scrapes get no span (Spring's observation filter starts the trace of every other request). */
    @Bean
    ObservationPredicate managementRequestsUntraced() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && ManagementRequests.isManagementPath(request.getCarrier().getRequestURI()));
    }

    @Bean
    FilterRegistrationBean<HttpMetricsFilter> httpMetricsFilter(HttpMetrics metrics) {
        var registration = new FilterRegistrationBean<>(new HttpMetricsFilter(metrics));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(SecureConnectProperties properties,
                                                                          ProblemResponses problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.web().maxBodySize(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    GatewayClientAddress gatewayClientAddress(SecureConnectProperties properties) {
        return new GatewayClientAddress(properties.web().gatewayAddresses());
    }

    @Bean
    MvcProblemHandler mvcProblemHandler(AuditLogger audit) {
        return new MvcProblemHandler(request ->
                audit.denied("http.access", request.getMethod() + " " + request.getRequestURI(), "forbidden"));
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }
}
