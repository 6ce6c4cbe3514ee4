package io.secureconnect.gateway.routing;

import java.util.Map;

import org.springframework.cloud.gateway.route.Route;

/** Which service a route leads to: its {@code service} metadata (so REST and WebSocket routes share it), else its id. */
public final class DownstreamServices {

    public static final String SERVICE_METADATA = "service";

    private DownstreamServices() {
    }

    public static String nameOf(Route route) {
        return nameOf(route.getId(), route.getMetadata());
    }

    public static String nameOf(String routeId, Map<String, Object> metadata) {
        Object service = metadata.get(SERVICE_METADATA);
        return service == null ? routeId : service.toString();
    }
}
