package io.secureconnect.bench.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** chat-service's REST API as one user: what the benchmarks need to set up groups and to load history. */
final class ChatRest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String token;

    ChatRest(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** A new group of the caller (its owner) and the given members. */
    UUID createGroup(String name, Collection<UUID> members) throws IOException, InterruptedException {
        HttpResponse<String> response = send(post("/api/v1/conversations",
                Map.of("type", "group", "name", name, "memberIds", List.copyOf(members))));
        if (response.statusCode() != 201) {
            throw new IOException("group not created: " + response.statusCode() + " " + response.body());
        }
        return UUID.fromString(JSON.readTree(response.body()).path("id").asString());
    }

    /** Sends a text message; returns the HTTP status (201 when stored). */
    int sendText(UUID conversationId, String clientId, String body) throws IOException, InterruptedException {
        return send(post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("clientId", clientId, "type", "text", "body", body))).statusCode();
    }

    /** The newest sequence number of a conversation. */
    long lastSeq(UUID conversationId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/api/v1/conversations/" + conversationId).GET().build());
        if (response.statusCode() != 200) {
            throw new IOException("conversation not readable: " + response.statusCode() + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return body.path("lastSeq").asLong();
    }

    /** {@code GET .../messages?before=<seq>&limit=<limit>}, for the load generator to send. */
    HttpRequest historyPage(UUID conversationId, long before, int limit) {
        return request("/api/v1/conversations/" + conversationId + "/messages?before=" + before + "&limit=" + limit)
                .GET().build();
    }

    private HttpRequest post(String path, Object body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
