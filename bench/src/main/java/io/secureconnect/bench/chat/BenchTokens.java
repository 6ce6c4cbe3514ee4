package io.secureconnect.bench.chat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for auth-service towards the chat-service a benchmark starts: an EC P-256 key whose public half is
 * served at {@code /.well-known/jwks.json}, access tokens shaped like auth-service's (ES256; sub, sid, jti, iat,
 * exp, iss, aud, roles, email_verified; they live 30 minutes, longer than any run), and the session-status question
 * services ask auth-service while their Redis is degraded ({@code /internal/v1/sessions/current}: every session is
 * active). How often that question comes is itself a finding: it means the service gave up on Redis.
 */
final class BenchTokens implements AutoCloseable {

    private static final String PATH = "/.well-known/jwks.json";
    private static final String SESSION_STATUS = "/internal/v1/sessions/current";
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final ECKey key;
    private final ECDSASigner signer;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong sessionChecks;

    private BenchTokens(ECKey key, HttpServer server, ExecutorService executor, AtomicLong sessionChecks)
            throws JOSEException {
        this.sessionChecks = sessionChecks;
        this.key = key;
        this.signer = new ECDSASigner(key);
        this.server = server;
        this.executor = executor;
    }

    static BenchTokens start() throws IOException, JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        AtomicLong sessionChecks = new AtomicLong();
        // a deep backlog: a connection burst can make the service ask thousands of session questions at once
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.createContext(SESSION_STATUS, exchange -> {
            try (exchange) {
                sessionChecks.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.setExecutor(executor);
        server.start();
        return new BenchTokens(key, server, executor, sessionChecks);
    }

    String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Base URL to give the service as auth-service ({@code SC_AUTH_URL}). */
    String authUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Session-status questions received. */
    long sessionChecks() {
        return sessionChecks.get();
    }

    /** A fresh access token (new session id) for the user. */
    String accessToken(UUID userId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .claim("sid", UUID.randomUUID().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .issuer("secureconnect")
                .audience("secureconnect")
                .claim("roles", List.of("user"))
                .claim("email_verified", true)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a benchmark token", e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
