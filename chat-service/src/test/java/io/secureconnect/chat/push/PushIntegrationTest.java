package io.secureconnect.chat.push;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;

import io.secureconnect.chat.support.ChatApi;
import io.secureconnect.chat.support.ChatIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the push and notification tests: chat-service with FCM and APNs pointed at {@link PushProviderStub}
 * and short retry backoffs. Every such test extends this class, so they all run on one set of properties (each
 * class still gets its own context, as {@code @WithPostgres} gives it its own database).
 */
public abstract class PushIntegrationTest extends ChatIntegrationTest {

    protected static final PushProviderStub providers = PushProviderStub.shared();

    @DynamicPropertySource
    static void pushProviders(DynamicPropertyRegistry properties) {
        properties.add("secureconnect.chat.push.fcm.endpoint", providers::url);
        properties.add("secureconnect.chat.push.fcm.credentials-file", () -> providers.serviceAccountFile().toString());
        properties.add("secureconnect.chat.push.apns.endpoint", providers::url);
        properties.add("secureconnect.chat.push.apns.private-key-file", () -> providers.apnsKeyFile().toString());
        properties.add("secureconnect.chat.push.apns.team-id", () -> PushProviderStub.TEAM_ID);
        properties.add("secureconnect.chat.push.apns.key-id", () -> PushProviderStub.KEY_ID);
        properties.add("secureconnect.chat.push.apns.topic", () -> PushProviderStub.TOPIC);
        properties.add("secureconnect.chat.push.webpush.private-key-file", () -> providers.vapidKeyFile().toString());
        properties.add("secureconnect.chat.push.webpush.public-key", providers::vapidPublicKey);
        properties.add("secureconnect.chat.push.webpush.allowed-hosts", () -> "127.0.0.1");
        properties.add("secureconnect.chat.push.webpush.allow-http", () -> "true");
        properties.add("secureconnect.chat.push.initial-backoff", () -> "50ms");
        properties.add("secureconnect.chat.push.max-backoff", () -> "400ms");
        properties.add("secureconnect.chat.push.max-attempts", () -> "3");
    }

    @Autowired
    protected Pushes pushes;

    @Autowired
    protected MeterRegistry meters;

    /** Registers a device of {@code platform} for the user with a fresh token, and returns the token. */
    protected static String registerDevice(ChatApi user, String platform) {
        String token = platform.equals("webpush") ? providers.newWebPushSubscription()
                : platform + "-token-" + UUID.randomUUID();
        var response = user.post("/api/v1/devices", Map.of("platform", platform, "token", token,
                "deviceId", "device-" + UUID.randomUUID()));
        if (response.status() != 201) {
            throw new AssertionError("device not registered: " + response.status() + " " + response.body());
        }
        return token;
    }

    /** Waits until no push is queued, waiting for a retry, or in flight. */
    protected void awaitPushesSettled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> pushes.pending() == 0);
    }

    protected double failedCount(String provider, String reason) {
        var counter = meters.find("push_notifications_failed").tags("provider", provider, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** {@code push_notifications_total}: every push done with, accepted or failed. */
    protected double sentCount(String provider) {
        var counter = meters.find("push_notifications").tags("provider", provider).counter();
        return counter == null ? 0 : counter.count();
    }
}
