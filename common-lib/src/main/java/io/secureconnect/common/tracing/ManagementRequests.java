package io.secureconnect.common.tracing;

/**
 * The management endpoints on a service's port ({@code /health/**}, {@code /metrics}, {@code /info}). Probes and
 * scrapes arrive every few seconds; a trace of each would only bury the requests worth tracing.
 */
public final class ManagementRequests {

    private ManagementRequests() {
    }

    public static boolean isManagementPath(String path) {
        return path.equals("/metrics") || path.equals("/health") || path.startsWith("/health/")
                || path.equals("/info");
    }
}
