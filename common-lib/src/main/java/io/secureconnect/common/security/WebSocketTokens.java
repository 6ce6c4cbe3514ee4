package io.secureconnect.common.security;

import java.util.regex.Pattern;

/**
 * Where a WebSocket client may put its access token, since browsers cannot set an Authorization header on the
 * handshake (ARCHITECTURE §5): the {@code Sec-WebSocket-Protocol} header as {@code bearer, <token>}, or the
 * {@code access_token} query parameter. Only handshake paths under {@code /ws/} accept these.
 */
public final class WebSocketTokens {

    public static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    public static final String QUERY_PARAMETER = "access_token";
    private static final Pattern PROTOCOL = Pattern.compile("^\\s*bearer\\s*,\\s*([A-Za-z0-9._~+/=-]+)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private WebSocketTokens() {
    }

    public static boolean isHandshakePath(String path) {
        return path != null && path.startsWith("/ws/");
    }

    /** The token carried in a {@code Sec-WebSocket-Protocol} value, or null. */
    public static String fromProtocolHeader(String header) {
        if (header == null) {
            return null;
        }
        var matcher = PROTOCOL.matcher(header);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
