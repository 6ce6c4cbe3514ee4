package io.secureconnect.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server playing chat-service's membership endpoint,
 * {@code GET /internal/v1/conversations/{id}/members/{userId}?fileId=}: 204 for members it was told about while the
 * file is still attached there, 404 otherwise, 400 without a {@code fileId}, 503 for everything while it is
 * "failing". It records the Authorization header of every question.
 */
public final class FakeChatService {

    private static final Pattern MEMBER_PATH =
            Pattern.compile("/internal/v1/conversations/([0-9a-f-]{36})/members/([0-9a-f-]{36})");
    private static final FakeChatService SHARED = new FakeChatService();

    private final HttpServer server;
    private final Set<String> members = ConcurrentHashMap.newKeySet();
    private final Set<String> detached = ConcurrentHashMap.newKeySet();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    private FakeChatService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
    }

    /** One fake for the whole test JVM; tests use conversation and user ids of their own. */
    public static FakeChatService shared() {
        return SHARED;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void addMember(UUID conversationId, UUID userId) {
        members.add(conversationId + "/" + userId);
    }

    /** The last message carrying the file in the conversation was deleted (or expired). */
    public void detach(UUID conversationId, String fileId) {
        detached.add(conversationId + "/" + fileId);
    }

    /** While failing, every question gets a 503, as from a chat-service that cannot reach its database. */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Matcher path = MEMBER_PATH.matcher(exchange.getRequestURI().getPath());
            int status;
            if (failing) {
                status = 503;
            } else if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
                status = 404;
            } else if (fileIdOf(exchange) == null) {
                status = 400;
            } else {
                status = members.contains(path.group(1) + "/" + path.group(2))
                        && !detached.contains(path.group(1) + "/" + fileIdOf(exchange)) ? 204 : 404;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static String fileIdOf(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        return query != null && query.startsWith("fileId=") ? query.substring("fileId=".length()) : null;
    }
}
