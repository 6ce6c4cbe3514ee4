package io.secureconnect.common.peer;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A typed client configured exactly as inside a service (same guard, breaker, retry, timeouts), for code that is
 * not a service: the contract tests that run a server's real controllers against the client, and tools.
 */
public final class PeerClients {

    private PeerClients() {
    }

    /** The client of {@code api}, talking to {@code endpoint}; its small context lives as long as the JVM. */
    public static <T> T connect(Class<T> api, PeerEndpoint endpoint) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(PeerEndpoint.class, () -> endpoint);
        context.register(PeerClientsAutoConfiguration.class);
        context.refresh();
        return context.getBean(api);
    }
}
