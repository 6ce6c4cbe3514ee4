package io.secureconnect.chat.push;

import java.time.Duration;

/** One push service (FCM, APNs): sends one push to one device token and says how it went. */
interface PushProvider {

    Platform platform();

    /** The name used in metrics: {@code fcm}, {@code apns}. */
    default String name() {
        return platform().wire();
    }

    /** False when the deployment gave no credentials for this provider. */
    boolean configured();

    Outcome send(String token, PushContent content);

    /** How a send went. */
    sealed interface Outcome {
    }

    /** The provider took the push. */
    record Accepted() implements Outcome {
    }

    /** The provider says the token is dead (app uninstalled, token from another app): remove the device. */
    record TokenRejected(String reason) implements Outcome {
    }

    /** Worth another try (429, 5xx, no answer); {@code retryAfter} is the provider's hint, or null. */
    record Retry(String reason, Duration retryAfter) implements Outcome {
    }

    /** Will not succeed by trying again (bad credentials, payload refused). */
    record Failed(String reason) implements Outcome {
    }
}
