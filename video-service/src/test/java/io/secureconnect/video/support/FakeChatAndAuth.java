package io.secureconnect.video.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Plays chat-service and auth-service for video-service's questions, as a real HTTP server on a free port:
 * {@code GET /internal/v1/conversations/{id}/members} (200 with the members when the bearer is one of them, 404
 * otherwise), {@code GET /internal/v1/blocks/check?with=} ({@code {"blocked":bool}}) and
 * {@code GET /internal/v1/sessions/current} (204: the session is active). Both demand a bearer
 * token and answer for its subject, exactly as the real services authorise with the caller's own token.
 */
public final class FakeChatAndAuth {

    private static final FakeChatAndAuth SHARED = start();
    private static final Pattern MEMBERS = Pattern.compile("^/internal/v1/conversations/([0-9a-f-]{36})/members$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<UUID, Set<UUID>> conversations = new ConcurrentHashMap<>();
    private final Set<String> blocks = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedSessions = ConcurrentHashMap.newKeySet();
    private final Set<String> strangers = ConcurrentHashMap.newKeySet();
    private volatile boolean chatDown;
    private volatile boolean authDown;

    private FakeChatAndAuth(HttpServer server) {
        this.server = server;
    }

    public static FakeChatAndAuth shared() {
        return SHARED;
    }

    private static FakeChatAndAuth start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeChatAndAuth fake = new FakeChatAndAuth(server);
            server.createContext("/internal/v1/conversations/", fake::members);
            server.createContext("/internal/v1/blocks/check", fake::blockCheck);
            server.createContext("/internal/v1/relations", fake::relations);
            server.createContext("/internal/v1/sessions/current", fake::sessionStatus);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new conversation with these members. */
    public UUID conversation(UUID... members) {
        UUID id = UUID.randomUUID();
        conversations.put(id, Set.of(members));
        return id;
    }

    public void block(UUID blocker, UUID blocked) {
        blocks.add(blocker + ">" + blocked);
    }

    /** While down, chat answers every membership question with 500. */
    public void chatDown(boolean down) {
        this.chatDown = down;
    }

    /** {@code one} and {@code other} are not contacts (by default everyone is everyone's contact here). */
    public void strangers(UUID one, UUID other) {
        strangers.add(one + ">" + other);
        strangers.add(other + ">" + one);
    }

    /** auth-service's record now says the session ended. */
    public void revokeSession(UUID sessionId) {
        revokedSessions.add(sessionId.toString());
    }

    /** While down, auth answers the session question with 503. */
    public void authDown(boolean down) {
        this.authDown = down;
    }

    private void members(HttpExchange exchange) throws IOException {
        UUID caller = bearerSubject(exchange);
        Matcher path = MEMBERS.matcher(exchange.getRequestURI().getPath());
        if (caller == null) {
            answer(exchange, 401, "{}");
        } else if (chatDown) {
            answer(exchange, 500, "{}");
        } else if (!path.matches() || !conversations.getOrDefault(UUID.fromString(path.group(1)), Set.of()).contains(caller)) {
            answer(exchange, 404, "{}");
        } else {
            var members = conversations.get(UUID.fromString(path.group(1))).stream()
                    .map(user -> Map.of("userId", user.toString(), "role", "member")).collect(Collectors.toList());
            answer(exchange, 200, JSON.writeValueAsString(Map.of("members", members)));
        }
    }

    private void blockCheck(HttpExchange exchange) throws IOException {
        UUID caller = bearerSubject(exchange);
        String query = exchange.getRequestURI().getQuery();
        if (caller == null || query == null || !query.startsWith("with=")) {
            answer(exchange, caller == null ? 401 : 400, "{}");
            return;
        }
        String other = query.substring("with=".length());
        boolean blocked = blocks.contains(caller + ">" + other) || blocks.contains(other + ">" + caller);
        answer(exchange, 200, "{\"blocked\":" + blocked + "}");
    }

    /** Every user asked about has an account; a contact unless made strangers; blocked as {@link #block} said. */
    private void relations(HttpExchange exchange) throws IOException {
        UUID caller = bearerSubject(exchange);
        if (caller == null) {
            answer(exchange, 401, "{}");
            return;
        }
        var items = new java.util.ArrayList<Map<String, Object>>();
        JSON.readTree(exchange.getRequestBody().readAllBytes()).path("userIds").forEach(id -> {
            String other = id.asString();
            items.add(Map.of("userId", other, "contact", !strangers.contains(caller + ">" + other),
                    "blocked", blocks.contains(caller + ">" + other) || blocks.contains(other + ">" + caller)));
        });
        answer(exchange, 200, JSON.writeValueAsString(Map.of("items", items)));
    }

    /** Asked while Redis is degraded, as every service asks auth-service: active unless the test revoked it. */
    private void sessionStatus(HttpExchange exchange) throws IOException {
        boolean revoked = revokedSessions.contains(String.valueOf(bearerClaim(exchange, "sid")));
        exchange.sendResponseHeaders(bearerSubject(exchange) == null || revoked ? 401 : authDown ? 503 : 204, -1);
        exchange.close();
    }

    /** The token's subject; the signature was already checked by the service that forwards it. */
    private static UUID bearerSubject(HttpExchange exchange) {
        String subject = bearerClaim(exchange, "sub");
        return subject == null ? null : UUID.fromString(subject);
    }

    private static String bearerClaim(HttpExchange exchange, String claim) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = header.substring(7).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        var claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return claims.path(claim).isString() ? claims.path(claim).asString() : null;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
