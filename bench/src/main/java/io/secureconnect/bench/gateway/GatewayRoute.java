package io.secureconnect.bench.gateway;

import io.secureconnect.bench.BenchmarkFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What kind of request goes through the proxies: each costs the gateway something different. */
enum GatewayRoute {

    /** A public GET (the JWKS): routing, rate limit by address, the filters; no token. */
    PUBLIC("/.well-known/jwks.json", "http"),
    /** A GET with a bearer token: the above plus the JWT check (ES256 signature, claims) and the revocation lookup. */
    AUTHENTICATED("/api/v1/users/me", "http"),
    /** A WebSocket upgrade with a token: a new connection each time, the token check, the upgrade to the service. */
    WEBSOCKET("/ws/chat", "ws");

    static final String DEFAULT_LIST = "public,authenticated,websocket";

    private final String path;
    private final String scheme;

    GatewayRoute(String path, String scheme) {
        this.path = path;
        this.scheme = scheme;
    }

    String path() {
        return path;
    }

    String scheme() {
        return scheme;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean needsToken() {
        return this != PUBLIC;
    }

    static List<GatewayRoute> parse(String text) throws BenchmarkFailure {
        List<GatewayRoute> routes = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                GatewayRoute route = valueOf(name);
                if (!routes.contains(route)) {
                    routes.add(route);
                }
            } catch (IllegalArgumentException e) {
                throw new BenchmarkFailure("--routes: expected some of " + DEFAULT_LIST + ", got '" + text + "'");
            }
        }
        if (routes.isEmpty()) {
            throw new BenchmarkFailure("--routes: name at least one of " + DEFAULT_LIST);
        }
        return routes;
    }
}
