package io.secureconnect.chat.push;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * Apple Push Notification service over HTTP/2 ({@code POST /3/device/<token>}), token-based authentication. The
 * client speaks HTTP/2 (over TLS with ALPN to Apple; over cleartext h2c upgrade to a local test server), so many
 * pushes share one connection as concurrent streams, which is how APNs wants to be batched.
 */
final class ApnsProvider implements PushProvider {

    /** Reasons for which the token will never work again. */
    private static final Set<String> DEAD_TOKEN = Set.of("BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic",
            "ExpiredToken");

    private final HttpClient http;
    private final JsonMapper json;
    private final PushProperties properties;
    private final ApnsProviderToken providerToken;

    ApnsProvider(HttpClient http, JsonMapper json, PushProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        PushProperties.Apns apns = properties.apns();
        boolean complete = apns.privateKeyFile() != null && apns.keyId() != null && apns.teamId() != null
                && apns.topic() != null;
        this.providerToken = complete ? new ApnsProviderToken(apns) : null;
    }

    @Override
    public Platform platform() {
        return Platform.APNS;
    }

    @Override
    public boolean configured() {
        return providerToken != null;
    }

    @Override
    public Outcome send(String token, PushContent content) {
        String jwt = providerToken.current();
        URI uri = URI.create(properties.apns().endpoint().toString().replaceAll("/+$", "") + "/3/device/"
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_2)
                .timeout(properties.requestTimeout())
                .header("authorization", "bearer " + jwt)
                .header("apns-topic", properties.apns().topic())
                .header("apns-push-type", "alert")
                .header("apns-priority", "10")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload(content)))).build();
        var exchange = ProviderResponses.send(http, request);
        if (exchange.failure() != null) {
            return exchange.failure();
        }
        return outcome(exchange.response(), jwt);
    }

    private Outcome outcome(HttpResponse<String> response, String jwt) {
        int status = response.statusCode();
        if (status == 200) {
            return new Accepted();
        }
        String reason = reason(response.body());
        if (status == 410 || DEAD_TOKEN.contains(reason)) {
            return new TokenRejected(reason == null ? "unregistered" : reason);
        }
        if ("ExpiredProviderToken".equals(reason)) {
            providerToken.expired(jwt);
            return new Retry(reason, null);
        }
        return ProviderResponses.retryable(response)
                .orElseGet(() -> new Failed(reason == null ? "http_" + status : reason));
    }

    private String reason(String body) {
        try {
            return json.readTree(body).path("reason").asString(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code mutable-content} lets the app's notification service extension enrich a title-only push (an
     * {@code e2ee} message it decrypts itself).
     */
    private static Map<String, Object> payload(PushContent content) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("title", content.title());
        if (content.body() != null) {
            alert.put("body", content.body());
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aps", Map.of("alert", alert, "sound", "default", "mutable-content", 1));
        payload.put("kind", content.kind());
        payload.putAll(content.data());
        return payload;
    }
}
