package io.secureconnect.chat.push;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

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
        @DefaultValue Apns apns) {

    /**
     * @param endpoint        base URL of the FCM API
     * @param credentialsFile a Google service-account JSON key; its {@code token_uri} is where access tokens come
     *                        from. Unset: FCM is off
     * @param projectId       the Firebase project; unset: the service account's {@code project_id}
     */
    public record Fcm(@DefaultValue("https://fcm.googleapis.com") URI endpoint, Path credentialsFile,
                      String projectId) {
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
    }
}
