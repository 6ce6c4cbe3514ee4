package io.secureconnect.chat.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays auth-service's block check and session status, and storage-service's share endpoint for chat's tests, over real HTTP, by the
 * contracts those services serve ({@code GET /internal/v1/blocks/check?with=}, {@code POST
 * /internal/v1/files/{id}/shares}). It insists on the caller's bearer token and answers from what the test set up:
 * who blocked whom, which files their owners may share. {@link #down()} makes it answer 503, as an outage would.
 */
public final class PeerStub {

    private static final PeerStub SHARED = start();

    private final HttpServer server;
    private final Set<String> blockedPairs = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedSessions = ConcurrentHashMap.newKeySet();
    private final Set<String> strangers = ConcurrentHashMap.newKeySet();
    private final Set<String> withoutAccount = ConcurrentHashMap.newKeySet();
    private final Set<String> shareableFiles = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    private PeerStub(HttpServer server) {
        this.server = server;
    }

    public static PeerStub shared() {
        return SHARED;
    }

    private static PeerStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            PeerStub stub = new PeerStub(server);
            server.createContext("/internal/v1/blocks/check", stub::blockCheck);
            server.createContext("/internal/v1/relations", stub::relations);
            server.createContext("/internal/v1/files/", stub::share);
            server.createContext("/internal/v1/sessions/current", stub::sessionStatus);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void block(UUID blocker, UUID blocked) {
        blockedPairs.add(blocker + ":" + blocked);
    }

    /** {@code owner} uploaded {@code fileId} completely and may share it. */
    public void fileOwnedBy(UUID fileId, UUID owner) {
        shareableFiles.add(fileId + ":" + owner);
    }

    /** {@code one} and {@code other} are not contacts (by default every user is everyone's contact here). */
    public void strangers(UUID one, UUID other) {
        strangers.add(one + ":" + other);
        strangers.add(other + ":" + one);
    }

    /** No account has this id. */
    public void noAccount(UUID userId) {
        withoutAccount.add(userId.toString());
    }

    /** auth-service's record now says the session ended. */
    public void revokeSession(UUID sessionId) {
        revokedSessions.add(sessionId.toString());
    }

    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    private void blockCheck(HttpExchange exchange) throws IOException {
        UUID caller = callerOf(exchange);
        if (caller == null || down) {
            answer(exchange, down ? 503 : 401, "{}");
            return;
        }
        String with = exchange.getRequestURI().getQuery().replace("with=", "");
        boolean blocked = blockedPairs.contains(caller + ":" + with) || blockedPairs.contains(with + ":" + caller);
        answer(exchange, 200, "{\"blocked\":" + blocked + "}");
    }

    /** How the caller stands with each user asked about: an account unless said otherwise, a contact unless strangers. */
    private void relations(HttpExchange exchange) throws IOException {
        UUID caller = callerOf(exchange);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (caller == null || down) {
            answer(exchange, down ? 503 : 401, "{}");
            return;
        }
        var ids = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(body).results()
                .map(match -> match.group()).filter(id -> !withoutAccount.contains(id)).distinct().toList();
        String items = ids.stream().map(id -> "{\"userId\":\"" + id + "\",\"contact\":" + !strangers.contains(caller + ":" + id)
                + ",\"blocked\":" + (blockedPairs.contains(caller + ":" + id) || blockedPairs.contains(id + ":" + caller)) + "}")
                .collect(java.util.stream.Collectors.joining(","));
        answer(exchange, 200, "{\"items\":[" + items + "]}");
    }

    /** auth-service's durable answer while Redis is down: live, unless the test revoked the session. */
    private void sessionStatus(HttpExchange exchange) throws IOException {
        boolean revoked = revokedSessions.contains(String.valueOf(claimOf(exchange, "sid")));
        answer(exchange, callerOf(exchange) == null || revoked ? 401 : down ? 503 : 204, "");
    }

    public String sessionStatusUrl() {
        return url() + "/internal/v1/sessions/current";
    }

    private void share(HttpExchange exchange) throws IOException {
        UUID caller = callerOf(exchange);
        String[] path = exchange.getRequestURI().getPath().split("/"); // /internal/v1/files/{id}/shares
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (caller == null || down || !exchange.getRequestMethod().equals("POST") || path.length != 6
                || !body.contains("\"conversationId\"")) {
            answer(exchange, down ? 503 : 400, "{}");
            return;
        }
        if (!shareableFiles.contains(path[4] + ":" + caller)) {
            answer(exchange, 404, "{}");
            return;
        }
        String conversation = body.replaceAll("(?s).*\"conversationId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        answer(exchange, 201, "{\"fileId\":\"" + path[4] + "\",\"conversationId\":\"" + conversation
                + "\",\"sharedBy\":\"" + caller + "\",\"sharedAt\":\"" + java.time.Instant.now() + "\"}");
    }

    /** The user of the bearer token (the signature was checked by chat-service; the stub only reads it). */
    private static UUID callerOf(HttpExchange exchange) {
        String subject = claimOf(exchange, "sub");
        return subject == null ? null : UUID.fromString(subject);
    }

    private static String claimOf(HttpExchange exchange, String claim) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        String payload = new String(Base64.getUrlDecoder().decode(header.substring(7).split("\\.")[1]), StandardCharsets.UTF_8);
        var matcher = Pattern.compile("\"" + claim + "\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
