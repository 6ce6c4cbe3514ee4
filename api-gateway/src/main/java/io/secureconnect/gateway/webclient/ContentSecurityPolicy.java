package io.secureconnect.gateway.webclient;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The web client page's Content-Security-Policy, sent by the gateway rather than written into the page, because
 * {@code connect-src} has to name origins only the deployment knows: the public WebSocket origin and the S3 origin
 * presigned URLs point at. Scripts and styles only from the gateway, no inline script, no plugins, no framing.
 */
final class ContentSecurityPolicy {

    static final String HEADER = "Content-Security-Policy";

    private ContentSecurityPolicy() {
    }

    static String of(WebClientProperties properties) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        if (properties.webSocketOrigin() != null) {
            connect.add(properties.webSocketOrigin());
        }
        connect.addAll(properties.storageOrigins());
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' blob: data:",
                "media-src 'self' blob: mediastream:",
                "connect-src " + String.join(" ", connect),
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }
}
