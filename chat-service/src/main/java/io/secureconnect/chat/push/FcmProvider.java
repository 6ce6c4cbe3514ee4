package io.secureconnect.chat.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firebase Cloud Messaging, HTTP v1 API: {@code POST /v1/projects/{project}/messages:send}, one token per
 * request (v1 has no multicast), bearer token from the service account. Only a token FCM calls
 * {@code UNREGISTERED} is given up; a bare 404 or {@code SENDER_ID_MISMATCH} may as well mean a wrong project id in
 * our settings, and must not wipe every user's devices.
 */
final class FcmProvider implements PushProvider {

    private final HttpClient http;
    private final JsonMapper json;
    private final PushProperties properties;
    private final GoogleAccessTokens tokens;
    private final URI sendUri;

    FcmProvider(HttpClient http, JsonMapper json, PushProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        PushProperties.Fcm fcm = properties.fcm();
        this.tokens = fcm.credentialsFile() == null ? null
                : new GoogleAccessTokens(fcm.credentialsFile(), json, http, properties.requestTimeout());
        String project = fcm.projectId() != null ? fcm.projectId() : tokens == null ? null : tokens.projectId();
        this.sendUri = project == null ? null
                : URI.create(fcm.endpoint().toString().replaceAll("/+$", "") + "/v1/projects/" + project + "/messages:send");
    }

    @Override
    public Platform platform() {
        return Platform.FCM;
    }

    @Override
    public boolean configured() {
        return tokens != null && sendUri != null;
    }

    @Override
    public Outcome send(String token, PushContent content) {
        String accessToken = tokens.current();
        if (accessToken == null) {
            return new Retry("unauthorized", null);
        }
        HttpRequest request = HttpRequest.newBuilder(sendUri).timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload(token, content)))).build();
        var exchange = ProviderResponses.send(http, request);
        if (exchange.failure() != null) {
            return exchange.failure();
        }
        return outcome(exchange.response(), accessToken);
    }

    private Outcome outcome(HttpResponse<String> response, String accessToken) {
        int status = response.statusCode();
        if (status == 200) {
            return new Accepted();
        }
        if (status == 401) {
            tokens.invalidate(accessToken);
            return new Retry("unauthorized", null);
        }
        String errorCode = errorCode(response.body());
        if ("UNREGISTERED".equals(errorCode)) {
            return new TokenRejected("unregistered");
        }
        return ProviderResponses.retryable(response)
                .orElseGet(() -> new Failed(errorCode == null ? "http_" + status : errorCode.toLowerCase()));
    }

    /** The FCM error code of an error body ({@code error.details[].errorCode}), else its {@code error.status}. */
    private String errorCode(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            for (JsonNode detail : error.path("details")) {
                if (detail.hasNonNull("errorCode")) {
                    return detail.path("errorCode").asString();
                }
            }
            return error.path("status").asString(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> payload(String token, PushContent content) {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("title", content.title());
        if (content.body() != null) {
            notification.put("body", content.body());
        }
        Map<String, String> data = new LinkedHashMap<>(content.data());
        data.put("kind", content.kind());
        return Map.of("message", Map.of("token", token, "notification", notification, "data", data,
                "android", Map.of("priority", "high")));
    }
}
