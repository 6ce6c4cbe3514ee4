package io.secureconnect.gateway.webclient;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The origins the web client's page may connect to besides its own, as its Content-Security-Policy names them (S22).
 * Each setting is reduced to an origin ({@code scheme://host[:port]}); one that is not an http(s) address with a
 * plain host (a wildcard, a bare scheme, a relative path) stops the gateway at startup rather than widen the policy.
 *
 * @param publicUrl      the address people open the client at ({@code SC_PUBLIC_URL}, as in auth-service's mailed
 *                       links); its WebSocket origin ({@code wss://} for https) is named beside {@code 'self'}.
 *                       Empty: {@code 'self'} alone, which covers the page's own ws/wss origin
 * @param storageOrigins where the browser uploads and downloads files with presigned URLs: storage-service's public
 *                       S3 address ({@code SC_S3_PUBLIC_ENDPOINT}, or its in-process S3 in local mode). Empty: files
 *                       cannot be moved from the page
 */
@ConfigurationProperties("secureconnect.gateway.web-client")
public record WebClientProperties(@DefaultValue("") String publicUrl, @DefaultValue List<String> storageOrigins) {

    public WebClientProperties {
        if (!publicUrl.isBlank()) {
            origin(publicUrl);
        }
        storageOrigins = storageOrigins.stream().filter(s -> !s.isBlank()).map(WebClientProperties::origin).toList();
    }

    /** The WebSocket origin of {@link #publicUrl}, or null when none is configured. */
    String webSocketOrigin() {
        if (publicUrl.isBlank()) {
            return null;
        }
        return origin(publicUrl).replaceFirst("^http", "ws");
    }

    private static String origin(String address) {
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (java.net.URISyntaxException e) {
            throw invalid(address);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw invalid(address);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static IllegalArgumentException invalid(String address) {
        return new IllegalArgumentException("the web client's connect-src takes http(s) addresses with a host, not '"
                + address + "'");
    }
}
