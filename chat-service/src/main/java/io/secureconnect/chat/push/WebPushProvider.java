package io.secureconnect.chat.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.json.JsonMapper;

/**
 * Web Push (RFC 8030) to a browser's subscription endpoint, identified by VAPID (RFC 8292: an ES256 JWT whose
 * audience is the push service's origin, and our public key), with the payload encrypted for the browser
 * (RFC 8291). Endpoints outside the configured push services are never called. 404 or 410 means the subscription
 * is gone.
 */
final class WebPushProvider implements PushProvider {

    private static final Duration TTL = Duration.ofDays(1);

    private final HttpClient http;
    private final JsonMapper json;
    private final PushProperties properties;
    private final ECPrivateKey vapidKey;

    WebPushProvider(HttpClient http, JsonMapper json, PushProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        PushProperties.WebPush webpush = properties.webpush();
        if (webpush.privateKeyFile() == null || webpush.publicKey() == null) {
            this.vapidKey = null;
            return;
        }
        try {
            this.vapidKey = (ECPrivateKey) PemKeys.privateKey(Files.readString(webpush.privateKeyFile()), "EC");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the VAPID key " + webpush.privateKeyFile(), e);
        }
    }

    @Override
    public Platform platform() {
        return Platform.WEBPUSH;
    }

    @Override
    public boolean configured() {
        return vapidKey != null;
    }

    @Override
    public Outcome send(String token, PushContent content) {
        WebPushSubscription subscription = WebPushSubscription.parse(token, json);
        if (subscription == null) {
            return new TokenRejected("invalid_subscription");
        }
        if (!properties.webpush().allows(subscription.endpoint())) {
            return new Failed("endpoint_not_allowed");
        }
        byte[] body = WebPushEncryption.encrypt(json.writeValueAsString(payload(content)).getBytes(StandardCharsets.UTF_8),
                subscription.userAgentKey(), subscription.authSecret());
        HttpRequest request = HttpRequest.newBuilder(subscription.endpoint()).timeout(properties.requestTimeout())
                .header("Authorization", "vapid t=" + vapid(subscription.endpoint()) + ", k=" + properties.webpush().publicKey())
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("TTL", Long.toString(TTL.toSeconds()))
                .header("Urgency", "high")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        var exchange = ProviderResponses.send(http, request);
        if (exchange.failure() != null) {
            return exchange.failure();
        }
        int status = exchange.response().statusCode();
        if (status >= 200 && status < 300) {
            return new Accepted();
        }
        if (status == 404 || status == 410) {
            return new TokenRejected(status == 410 ? "unregistered" : "not_found");
        }
        return ProviderResponses.retryable(exchange.response()).orElseGet(() -> new Failed("http_" + status));
    }

    private String vapid(URI endpoint) {
        String audience = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().audience(audience).subject(properties.webpush().subject())
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(12)))).build());
        try {
            jwt.sign(new ECDSASigner(vapidKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the VAPID token", e);
        }
        return jwt.serialize();
    }

    /** What the service worker gets: the same fields as the other providers' pushes. */
    private static Map<String, Object> payload(PushContent content) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", content.kind());
        payload.put("title", content.title());
        if (content.body() != null) {
            payload.put("body", content.body());
        }
        payload.put("data", content.data());
        return payload;
    }
}
