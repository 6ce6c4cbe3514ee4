package io.secureconnect.testsupport.jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for auth-service's {@code /.well-known/jwks.json} in tests of the other services: an EC P-256 signing
 * key with a random {@code kid}, its public half served over HTTP on a free loopback port, so a resource server
 * fetches and caches the JWKS exactly as in production. {@link TestTokens} signs with {@link #shared()}.
 */
public final class TestJwks implements AutoCloseable {

    public static final String PATH = "/.well-known/jwks.json";

    private final ECKey signingKey;
    private final HttpServer server;
    private final ExecutorService executor;

    private TestJwks(ECKey signingKey, HttpServer server, ExecutorService executor) {
        this.signingKey = signingKey;
        this.server = server;
        this.executor = executor;
    }

    /** A new key and server; close it when done. Most tests want {@link #shared()}. */
    public static TestJwks start() {
        var signingKey = generateKey();
        var body = new JWKSet(signingKey.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(PATH, exchange -> serve(exchange, body));
            server.setExecutor(executor);
            startAsDaemon(server);
            return new TestJwks(signingKey, server, executor);
        } catch (IOException e) {
            executor.close();
            throw new UncheckedIOException("could not start the JWKS server", e);
        }
    }

    /** The JVM's one JWKS server, the one {@link WithTestJwks} and {@link TestTokens} use; stopped at JVM exit. */
    public static TestJwks shared() {
        return Shared.INSTANCE;
    }

    /** {@code http://127.0.0.1:<port>/.well-known/jwks.json}. */
    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The private signing key (its {@code kid} is the one in the JWKS). */
    public ECKey signingKey() {
        return signingKey;
    }

    public String keyId() {
        return signingKey.getKeyID();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    @Override
    public String toString() {
        return "TestJwks[" + jwksUri() + ", kid " + keyId() + "]";
    }

    static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an EC P-256 key", e);
        }
    }

    /**
     * The JDK server's dispatcher thread inherits the daemon flag of the thread that starts it; started from a
     * daemon thread, a forgotten (or JVM-wide shared) server does not keep the JVM from exiting.
     */
    private static void startAsDaemon(HttpServer server) {
        var starter = Thread.ofPlatform().daemon().name("start-test-jwks").unstarted(server::start);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the JWKS server", e);
        }
    }

    private static void serve(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static final class Shared {

        static final TestJwks INSTANCE = start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close, "stop-shared-test-jwks"));
        }
    }
}
