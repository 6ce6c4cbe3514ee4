package io.secureconnect.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client as any API consumer would use it, in one line per call:
 * {@code Api.get(uri).bearer(token).requestId(id).send()}. HTTP/1.1 only, so nothing is upgraded behind the
 * test's back.
 */
final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpRequest.Builder request;

    private Api(HttpRequest.Builder request) {
        this.request = request.timeout(Duration.ofSeconds(30));
    }

    static Api get(URI uri) {
        return new Api(HttpRequest.newBuilder(uri).GET());
    }

    static Api post(URI uri, String contentType, byte[] body) {
        return new Api(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static Api put(URI uri) {
        return new Api(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    /** Any method, with a JSON body or none. */
    static Api request(String method, URI uri, String json) {
        var builder = HttpRequest.newBuilder(uri);
        if (json == null) {
            return new Api(builder.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return new Api(builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    static Api postJson(URI uri, String json) {
        return post(uri, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Api bearer(String accessToken) {
        return header("Authorization", "Bearer " + accessToken);
    }

    Api requestId(String requestId) {
        return header("X-Request-ID", requestId);
    }

    Api header(String name, String value) {
        request.header(name, value);
        return this;
    }

    Reply send() {
        try {
            var response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What came back; {@link #json()} parses the body on demand. */
    record Reply(int status, HttpHeaders headers, String body) {

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        boolean isProblem() {
            return contentType().startsWith("application/problem+json");
        }

        String requestIdHeader() {
            return headers.firstValue("X-Request-ID").orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** A member of a problem+json (or any JSON object) body, as text; null when absent. */
        String member(String name) {
            var value = json().get(name);
            return value == null || value.isNull() ? null : value.asString();
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }
}
