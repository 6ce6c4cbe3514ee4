package io.secureconnect.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.gateway.routing.DownstreamServices;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API documentation of every service in one place, public at {@code /docs}: a Swagger UI page (from the
 * swagger-ui webjar) over the whole public API, {@code /docs/openapi.json} (the services' descriptions merged; the
 * committed copy is docs/openapi/secureconnect.json), and each service's own, which the gateway fetches from the
 * service's {@code /v3/api-docs} and serves as {@code /docs/{service}/openapi.json}, with the gateway as the only
 * server so "try it out" goes through the edge. A service that is down or has no description yet answers a 503
 * problem for its own entry and for the whole; the page and the other services are unaffected.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRouter {

    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/";
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes(GatewayProperties gateway, JsonMapper json) {
        Map<String, URI> services = servicesWithHttpRoutes(gateway);
        WebClient http = WebClient.create();
        return RouterFunctions.route()
                .GET("/docs", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .bodyValue(SwaggerPage.render(services.keySet())))
                .GET("/docs/openapi.json", request -> aggregated(services, http, json))
                .GET("/docs/{service}/openapi.json", request -> openApi(request, services, http, json))
                .build()
                .and(RouterFunctions.resources("/docs/ui/**", new ClassPathResource(SWAGGER_UI + swaggerUiVersion() + "/")));
    }

    private static Mono<ServerResponse> openApi(ServerRequest request, Map<String, URI> services, WebClient http,
                                                JsonMapper json) {
        String service = request.pathVariable("service");
        URI base = services.get(service);
        if (base == null) {
            return Mono.error(new ApiException(CommonErrorCode.NOT_FOUND, "No such service."));
        }
        return fetch(service, base, http, json).map(ApiDocsRouter::throughTheGateway)
                .flatMap(spec -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(spec));
    }

    /**
     * All services' descriptions as one. Only whole: a description without one service's paths would make clients
     * (and generated code) without them, so while a service cannot answer, this answers 503 naming it.
     */
    private static Mono<ServerResponse> aggregated(Map<String, URI> services, WebClient http, JsonMapper json) {
        return Flux.fromIterable(services.entrySet())
                .flatMapSequential(service -> fetch(service.getKey(), service.getValue(), http, json)
                        .map(spec -> Map.entry(service.getKey(), spec)))
                .collectList()
                .map(specs -> {
                    Map<String, JsonNode> byService = new LinkedHashMap<>();
                    specs.forEach(spec -> byService.put(spec.getKey(), spec.getValue()));
                    return ApiDescriptionMerger.merge(byService);
                })
                .flatMap(spec -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(spec));
    }

    private static Mono<JsonNode> fetch(String service, URI base, WebClient http, JsonMapper json) {
        return http.get().uri(base.resolve("/v3/api-docs")).accept(MediaType.APPLICATION_JSON)
                .retrieve().bodyToMono(byte[].class)
                .timeout(FETCH_TIMEOUT)
                .map(body -> openApiDocument(json.readTree(body)))
                .onErrorMap(error -> !(error instanceof ApiException), error -> new ApiException(
                        CommonErrorCode.SERVICE_UNAVAILABLE, "The API description of the " + service
                        + " service is not available right now.", Map.of("service", service)));
    }

    private static JsonNode openApiDocument(JsonNode spec) {
        if (!(spec instanceof ObjectNode) || !spec.has("openapi")) {
            throw new IllegalStateException("not an OpenAPI description");
        }
        return spec;
    }

    /** Try-it-out calls must go through the edge, never straight to a service's own address. */
    private static JsonNode throughTheGateway(JsonNode spec) {
        ((ObjectNode) spec).putArray("servers").addObject().put("url", "/").put("description", "The API gateway");
        return spec;
    }

    private static Map<String, URI> servicesWithHttpRoutes(GatewayProperties gateway) {
        Map<String, URI> services = new LinkedHashMap<>();
        gateway.getRoutes().stream()
                .filter(route -> route.getUri() != null && route.getUri().getScheme().startsWith("http"))
                .forEach(route -> services.putIfAbsent(
                        DownstreamServices.nameOf(route.getId(), route.getMetadata()), route.getUri()));
        return services;
    }

    /** The webjar's version names its folder; read from its own Maven metadata so an upgrade needs no code change. */
    private static String swaggerUiVersion() {
        try (var in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the swagger-ui webjar is missing from the classpath", e);
        }
    }
}
