package io.secureconnect.gateway.webclient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web client page's Content-Security-Policy, sent by the gateway rather than written into the page, because
 * {@code connect-src} has to name origins only the deployment knows: the public WebSocket origin and the S3 origin
 * presigned URLs point at. Scripts, workers and styles only from the gateway, no plugins, no framing, and no inline
 * script but the page's import map (which maps the vendored libraries' bare specifiers to their files under
 * {@code /app/vendor/}): it is allowed by its SHA-256, taken from the page the gateway serves, so editing the map
 * needs no change here and any other inline script stays blocked.
 */
final class ContentSecurityPolicy {

    static final String HEADER = "Content-Security-Policy";

    /** Written exactly like this in index.html; web-client's build checks the same element against its vendor tree. */
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private ContentSecurityPolicy() {
    }

    static String of(WebClientProperties properties, String page) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        if (properties.webSocketOrigin() != null) {
            connect.add(properties.webSocketOrigin());
        }
        connect.addAll(properties.storageOrigins());
        List<String> scripts = new ArrayList<>(List.of("'self'"));
        scripts.addAll(importMapHashes(page));
        return String.join("; ",
                "default-src 'self'",
                "script-src " + String.join(" ", scripts),
                // the worker that encrypts call media (app/call/sframe-worker.js): from the gateway only, no blob:
                "worker-src 'self'",
                "style-src 'self'",
                "img-src 'self' blob: data:",
                "media-src 'self' blob: mediastream:",
                "connect-src " + String.join(" ", connect),
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    /** CSP hash sources ({@code 'sha256-<base64>'}) of the text of each import map in the page, as browsers hash it. */
    static List<String> importMapHashes(String page) {
        List<String> hashes = new ArrayList<>();
        Matcher importMap = IMPORT_MAP.matcher(page);
        while (importMap.find()) {
            hashes.add("'sha256-" + Base64.getEncoder().encodeToString(sha256(importMap.group(1))) + "'");
        }
        return hashes;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
