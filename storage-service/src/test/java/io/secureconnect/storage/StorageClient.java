package io.secureconnect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test client of storage-service over real HTTP, and of S3 through the presigned URLs it hands out (plain
 * {@code java.net.http}, as any client would): users in one line, then uploads in one line.
 */
public final class StorageClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public StorageClient(int port) {
        this.port = port;
    }

    /** A user of the system: an id and a valid access token. */
    public record User(UUID id, String token) {

        public static User random() {
            UUID id = UUID.randomUUID();
            return new User(id, TestTokens.accessToken(id));
        }

        public static User admin() {
            UUID id = UUID.randomUUID();
            return new User(id, TestTokens.accessToken(id, java.util.List.of("user", "admin")));
        }
    }

    public HttpResponse<String> send(String method, String path, User user, String json) throws Exception {
        return sendWithHeader(method, path, user, json, null, null);
    }

    public HttpResponse<String> sendWithHeader(String method, String path, User user, String json, String header,
                                               String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + user.token());
        }
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** POST /api/v1/files; the raw answer. */
    public HttpResponse<String> announce(User user, String name, long size, String contentType, String sha256)
            throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("size", size).put("contentType", contentType)
                .put("encrypted", false);
        if (sha256 != null) {
            body.put("sha256", sha256);
        }
        return send("POST", "/api/v1/files", user, JSON.writeValueAsString(body));
    }

    /** Announces the bytes (with their SHA-256) and expects a 201 ticket. */
    public JsonNode announce(User user, String name, byte[] bytes, String contentType) throws Exception {
        return json(announce(user, name, bytes.length, contentType, sha256(bytes)), 201);
    }

    /** PUTs bytes to a presigned URL with the headers the ticket asked for; S3's status. */
    public int put(String url, JsonNode headers, byte[] bytes) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(BodyPublishers.ofByteArray(bytes));
        if (headers != null) {
            headers.properties().forEach(header -> request.header(header.getKey(), header.getValue().asString()));
        }
        return http.send(request.build(), BodyHandlers.discarding()).statusCode();
    }

    public int putToTicket(JsonNode ticket, byte[] bytes) throws Exception {
        return put(ticket.get("uploadUrl").asString(), ticket.get("uploadHeaders"), bytes);
    }

    public HttpResponse<String> complete(User user, String fileId) throws Exception {
        return send("POST", "/api/v1/files/" + fileId + "/complete", user, null);
    }

    /** Announce, PUT, complete: the id of a ready file. */
    public String upload(User user, String name, byte[] bytes, String contentType) throws Exception {
        JsonNode ticket = announce(user, name, bytes, contentType);
        assertThat(putToTicket(ticket, bytes)).isEqualTo(200);
        String id = ticket.get("id").asString();
        JsonNode file = json(complete(user, id), 200);
        assertThat(file.get("status").asString()).isEqualTo("ready");
        return id;
    }

    public HttpResponse<String> download(User user, String fileId) throws Exception {
        return send("GET", "/api/v1/files/" + fileId + "/download", user, null);
    }

    /** GETs a presigned URL. */
    public HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                BodyHandlers.ofByteArray());
    }

    public JsonNode quota(User user) throws Exception {
        return json(send("GET", "/api/v1/files/quota", user, null), 200);
    }

    public void setQuotaLimit(User user, long limitBytes) throws Exception {
        json(send("PUT", "/api/v1/files/admin/quotas/" + user.id(), User.admin(),
                JSON.writeValueAsString(Map.of("limitBytes", limitBytes))), 200);
    }

    /** The value of the first series in /metrics that starts with {@code series}, or 0 when there is none. */
    public double metric(String series) throws Exception {
        return send("GET", "/metrics", null, null).body().lines().filter(line -> line.startsWith(series))
                .findFirst().map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    public static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    public static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    public static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return bytes;
    }
}
