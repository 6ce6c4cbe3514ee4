package io.secureconnect.gateway.webclient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The browser client (the web-client module's jar, under {@code META-INF/resources/}) at {@code /}: its page, its
 * files under {@code /app/**}, and the page again for the links auth-service mails ({@code /verify-email},
 * {@code /reset-password}) and the pages single sign-on leads to ({@code /sso/complete}, {@code /sso/link},
 * {@code /sso/error}), which the client answers. Only these paths are served, not everything under
 * {@code META-INF/resources/} (Boot's resource handler stays off), and none overlaps a route to a service. The page
 * carries the {@link ContentSecurityPolicy} the files run under; it is read once at startup, so the page served is
 * exactly the one whose import map the policy allows by hash.
 */
@Configuration(proxyBeanMethods = false)
class WebClientRouter {

    private static final String ROOT = "META-INF/resources/";
    /** The page is small and names its files without versions: always revalidate, so a deploy shows at once. */
    private static final CacheControl REVALIDATE = CacheControl.noCache();

    @Bean
    RouterFunction<ServerResponse> webClientRoutes(WebClientProperties properties) throws IOException {
        String page = new ClassPathResource(ROOT + "index.html").getContentAsString(StandardCharsets.UTF_8);
        String policy = ContentSecurityPolicy.of(properties, page);
        return RouterFunctions.route()
                .GET("/", request -> page(page, policy))
                .GET("/index.html", request -> page(page, policy))
                .GET("/verify-email", request -> page(page, policy))
                .GET("/reset-password", request -> page(page, policy))
                .GET("/sso/complete", request -> page(page, policy))
                .GET("/sso/link", request -> page(page, policy))
                .GET("/sso/error", request -> page(page, policy))
                .build()
                .and(RouterFunctions.resources("/app/**", new ClassPathResource(ROOT + "app/"),
                        (resource, headers) -> headers.setCacheControl(REVALIDATE)));
    }

    private static Mono<ServerResponse> page(String page, String policy) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(REVALIDATE)
                .header(ContentSecurityPolicy.HEADER, policy).bodyValue(page);
    }
}
