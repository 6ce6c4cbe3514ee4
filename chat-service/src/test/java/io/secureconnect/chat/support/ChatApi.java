package io.secureconnect.chat.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A REST client of one chat-service instance, acting as one user. */
public final class ChatApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final UUID userId;
    private final String token;

    public ChatApi(int port, UUID userId) {
        this(port, userId, TestTokens.accessToken(userId));
    }

    public ChatApi(int port, UUID userId, String token) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.userId = userId;
        this.token = token;
    }

    public UUID userId() {
        return userId;
    }

    public String token() {
        return token;
    }

    public int port() {
        return Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        public String code() {
            return body.path("code").asString();
        }
    }

    public Response get(String path) {
        return call("GET", path, null);
    }

    public Response post(String path, Object body) {
        return call("POST", path, body);
    }

    public Response put(String path, Object body) {
        return call("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return call("PATCH", path, body);
    }

    public Response delete(String path) {
        return call("DELETE", path, null);
    }

    /** Sends a raw body, for malformed-input tests. */
    public Response postRaw(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public UUID createGroup(String name, UUID... members) {
        Response response = post("/api/v1/conversations", Map.of("type", "group", "name", name, "memberIds", List.of(members)));
        if (response.status() != 201) {
            throw new AssertionError("group not created: " + response.status() + " " + response.body());
        }
        return UUID.fromString(response.body().path("id").asString());
    }

    public UUID createDirect(UUID other) {
        Response response = post("/api/v1/conversations", Map.of("type", "direct", "memberIds", List.of(other)));
        if (response.status() != 201 && response.status() != 200) {
            throw new AssertionError("direct conversation not created: " + response.status() + " " + response.body());
        }
        return UUID.fromString(response.body().path("id").asString());
    }

    public Response sendText(UUID conversationId, String clientId, String body) {
        return post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("clientId", clientId, "type", "text", "body", body));
    }

    /** Every message of a conversation, oldest first, following the cursor. */
    public List<JsonNode> history(UUID conversationId) {
        List<JsonNode> all = new ArrayList<>();
        String after = "0";
        while (after != null) {
            Response page = get("/api/v1/conversations/" + conversationId + "/messages?after=" + after + "&limit=200");
            page.body().path("items").forEach(all::add);
            after = page.body().path("nextCursor").isNull() || page.body().path("nextCursor").isMissingNode()
                    ? null : page.body().path("nextCursor").asString();
        }
        return all;
    }

    private Response call(String method, String path, Object body) {
        HttpRequest.Builder builder = request(path);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return send(builder.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = !json || response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }
}
