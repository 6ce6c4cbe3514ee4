package io.secureconnect.chat.push;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Push settings ({@code secureconnect.chat.push.*}). A provider without credentials is off: its devices stay
 * registered, and pushes to them are counted as failed with reason {@code not_configured}.
 *
 * @param queueCapacity   deliveries waiting for a provider; beyond this, new ones are dropped (and counted)
 * @param batchSize       deliveries taken from the queue and sent concurrently in one go
 * @param concurrency     provider requests in flight at once (all providers together)
 * @param maxAttempts     tries of one delivery when the provider answers 429/5xx or cannot be reached
 * @param initialBackoff  wait before the second try; doubles each try (with jitter) up to {@code maxBackoff}
 * @param maxBackoff      longest wait between tries, also the cap on a provider's Retry-After
 * @param requestTimeout  one provider request
 * @param maxDevices      devices per user; registering one more replaces the least recently registered
 * @param fcm             Firebase Cloud Messaging, HTTP v1 API
 * @param apns            Apple Push Notification service, HTTP/2 provider API with token (JWT) authentication
 * @param webpush         Web Push (RFC 8030) with VAPID (RFC 8292) and encrypted payloads (RFC 8291)
 */
@Validated
@ConfigurationProperties("secureconnect.chat.push")
public record PushProperties(
        @DefaultValue("10000") @Min(1) int queueCapacity,
        @DefaultValue("100") @Min(1) int batchSize,
        @DefaultValue("32") @Min(1) @Max(1024) int concurrency,
        @DefaultValue("4") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("20") @Min(1) int maxDevices,
        @DefaultValue Fcm fcm,
        @DefaultValue Apns apns,
        @DefaultValue WebPush webpush) {

    /**
     * @param endpoint        base URL of the FCM API
     * @param credentialsFile a Google service-account JSON key; its {@code token_uri} is where access tokens come
     *                        from. Unset: FCM is off
     * @param projectId       the Firebase project; unset: the service account's {@code project_id}
     */
    public record Fcm(@DefaultValue("https://fcm.googleapis.com") URI endpoint, Path credentialsFile,
                      String projectId) {

        public Fcm {
            credentialsFile = unset(credentialsFile);
            projectId = unset(projectId);
        }
    }

    /**
     * @param endpoint       {@code https://api.push.apple.com}, or {@code https://api.sandbox.push.apple.com}
     * @param teamId         Apple developer team id (the JWT's issuer)
     * @param keyId          id of the APNs auth key
     * @param privateKeyFile the {@code .p8} auth key (PKCS#8 PEM, EC P-256). Unset: APNs is off
     * @param topic          the app's bundle id
     */
    public record Apns(@DefaultValue("https://api.push.apple.com") URI endpoint, String teamId, String keyId,
                       Path privateKeyFile, String topic) {

        public Apns {
            teamId = unset(teamId);
            keyId = unset(keyId);
            privateKeyFile = unset(privateKeyFile);
            topic = unset(topic);
        }
    }

    /**
     * @param publicKey      the VAPID public key (base64url, uncompressed P-256 point), which browsers need as
     *                       {@code applicationServerKey}; served at {@code GET /api/v1/devices/webpush-key}
     * @param privateKeyFile the VAPID private key (PKCS#8 PEM, EC P-256). Unset: Web Push is off
     * @param subject        how a push service can reach the operator ({@code mailto:} or {@code https:} URL)
     * @param allowedHosts   push services a subscription may point at ({@code *.} matches subdomains); a
     *                       subscription is a URL chosen by the client, and chat must not post to arbitrary hosts
     * @param allowHttp      accept {@code http:} endpoints (local tests only)
     */
    public record WebPush(String publicKey, Path privateKeyFile,
                          @DefaultValue("mailto:push@secureconnect.invalid") String subject,
                          @DefaultValue({"fcm.googleapis.com", "updates.push.services.mozilla.com", "*.push.apple.com",
                                  "*.notify.windows.com"}) List<String> allowedHosts,
                          @DefaultValue("false") boolean allowHttp) {

        public WebPush {
            publicKey = unset(publicKey);
            privateKeyFile = unset(privateKeyFile);
        }

        boolean allows(URI endpoint) {
            String host = endpoint.getHost() == null ? null : endpoint.getHost().toLowerCase();
            boolean scheme = "https".equals(endpoint.getScheme()) || allowHttp && "http".equals(endpoint.getScheme());
            return scheme && host != null && endpoint.getUserInfo() == null && allowedHosts.stream().anyMatch(allowed ->
                    allowed.startsWith("*.") ? host.endsWith(allowed.substring(1).toLowerCase()) : host.equalsIgnoreCase(allowed));
        }
    }

    /** An empty value ({@code SC_PUSH_FCM_PROJECT_ID=} in the environment) means unset. */
    private static String unset(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Path unset(Path value) {
        return value == null || value.toString().isBlank() ? null : value;
    }
}
