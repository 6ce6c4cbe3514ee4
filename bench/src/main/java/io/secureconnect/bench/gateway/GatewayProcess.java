package io.secureconnect.bench.gateway;

import io.secureconnect.bench.BenchmarkFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real api-gateway jar, started as its own process with every service route pointing at the stub (WebSocket
 * routes at the WebSocket stub when there is one), its token keys from the stub's JWKS, and its production defaults
 * otherwise: token checks with the revocation lookup in Redis, rate limiting in Redis (with budgets, per address and
 * per user, far above the benchmark's rates, so every request pays for the Redis round trip but none is refused), the
 * circuit breaker, request ids, the access log (to a file in the run's work folder).
 */
final class GatewayProcess {

    static final String ISSUER = "secureconnect";
    static final String AUDIENCE = "secureconnect";

    private GatewayProcess() {
    }

    static ChildProcess start(Path jar, List<String> javaOptions, Path work, int port, int servicePort,
                              int webSocketPort, String redisUrl, HttpClient http)
            throws IOException, BenchmarkFailure, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new BenchmarkFailure("no gateway jar at " + jar + "; build it with "
                    + "./mvnw -B -pl api-gateway -am package -DskipTests (or point --gateway-jar at one)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String service = "http://127.0.0.1:" + servicePort;
        String webSocketStub = "ws://127.0.0.1:" + webSocketPort;
        Map<String, String> environment = new HashMap<>(Map.of(
                "SERVER_PORT", Integer.toString(port),
                "SC_AUTH_URL", service, "SC_CHAT_URL", service, "SC_VIDEO_URL", service, "SC_STORAGE_URL", service,
                "SC_CHAT_WS_URL", webSocketStub, "SC_VIDEO_WS_URL", webSocketStub,
                "SC_REDIS_URL", redisUrl,
                "SC_LOG_DIR", Files.createDirectories(work.resolve("gateway-logs")).toString()));
        // the stub serves the benchmark's key; issuer and audience as the tokens of AccessTokenPool carry them
        environment.put("SC_JWKS_URI", service + GatewayRoute.PUBLIC.path());
        environment.put("SC_JWT_ISSUER", ISSUER);
        environment.put("SC_JWT_AUDIENCE", AUDIENCE);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--secureconnect.gateway.rate-limit.ip.per-second=1000000",
                "--secureconnect.gateway.rate-limit.ip.burst=1000000",
                "--secureconnect.gateway.rate-limit.user.per-second=1000000",
                "--secureconnect.gateway.rate-limit.user.burst=1000000"));
        ChildProcess gateway = ChildProcess.start("gateway", command, environment, work);
        try {
            gateway.awaitReady(http, URI.create("http://127.0.0.1:" + port + "/health/readiness"), Duration.ofSeconds(120));
        } catch (BenchmarkFailure | InterruptedException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }
}
