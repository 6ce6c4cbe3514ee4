package io.secureconnect.common.peer;

/**
 * The services one service calls, each an HTTP service group with its own circuit breaker and retry (named by
 * {@link #group()}, so {@code resilience4j.circuitbreaker.instances.chat.*} tunes the calls to chat-service).
 * auth-service is two groups: the session status has its own address setting
 * ({@code secureconnect.security.session-status-uri}) and is asked by every service, the gateway included.
 */
public enum Peer {

    AUTH("auth", "auth-service"),
    AUTH_SESSION("auth-session", "auth-service"),
    CHAT("chat", "chat-service"),
    STORAGE("storage", "storage-service");

    private final String group;
    private final String service;

    Peer(String group, String service) {
        this.group = group;
        this.service = service;
    }

    /** The HTTP service group, circuit breaker and retry name. */
    public String group() {
        return group;
    }

    /** The service's name as problem bodies and logs show it. */
    public String service() {
        return service;
    }
}
