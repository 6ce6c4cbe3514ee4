package io.secureconnect.bench.video;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for auth-service around the video-service under test: an ES256 key whose JWKS it serves, access tokens
 * signed with it (JDK crypto only), and the two internal questions video asks auth (blocks: never; session status:
 * active). Runs on a free loopback port until closed.
 */
final class LocalIssuer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair key;
    private final String keyId = UUID.randomUUID().toString();
    private final HttpServer server;

    LocalIssuer() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = jwks();
        server.createContext("/.well-known/jwks.json", exchange -> answer(exchange, 200, jwks));
        server.createContext("/internal/v1/blocks/check",
                exchange -> answer(exchange, 200, "{\"blocked\":false}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/internal/v1/sessions/current", exchange -> answer(exchange, 204, null));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An access token shaped like auth-service's, valid for an hour. */
    String token(UUID user) {
        Instant now = Instant.now();
        String header = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "ES256", "typ", "JWT", "kid", keyId)));
        String claims = B64.encodeToString(JSON.writeValueAsBytes(Map.of("sub", user.toString(),
                "sid", UUID.randomUUID().toString(), "jti", UUID.randomUUID().toString(),
                "iat", now.getEpochSecond(), "exp", now.plusSeconds(3600).getEpochSecond(),
                "iss", "secureconnect", "aud", "secureconnect", "roles", List.of("user"))));
        String signingInput = header + "." + claims;
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 is part of every JDK", e);
        }
    }

    private byte[] jwks() {
        ECPublicKey publicKey = (ECPublicKey) key.getPublic();
        return JSON.writeValueAsBytes(Map.of("keys", List.of(Map.of("kty", "EC", "crv", "P-256", "use", "sig",
                "alg", "ES256", "kid", keyId,
                "x", B64.encodeToString(unsigned32(publicKey.getW().getAffineX())),
                "y", B64.encodeToString(unsigned32(publicKey.getW().getAffineY()))))));
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "LocalIssuer" + Arrays.asList(url(), keyId);
    }
}
