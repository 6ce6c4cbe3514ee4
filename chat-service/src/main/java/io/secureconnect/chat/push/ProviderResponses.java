package io.secureconnect.chat.push;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/** What FCM and APNs answers have in common: transport errors, 429/5xx and Retry-After become {@link PushProvider.Retry}. */
final class ProviderResponses {

    private ProviderResponses() {
    }

    /** The provider's answer, or a {@code Retry} when it could not be reached or did not answer in time. */
    static Exchange send(HttpClient http, HttpRequest request) {
        try {
            return new Exchange(http.send(request, HttpResponse.BodyHandlers.ofString()), null);
        } catch (HttpTimeoutException e) {
            return new Exchange(null, new PushProvider.Retry("timeout", null));
        } catch (IOException e) {
            return new Exchange(null, new PushProvider.Retry("unreachable", null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(null, new PushProvider.Retry("interrupted", null));
        }
    }

    /** Either a response or, when there was none, the outcome to report. */
    record Exchange(HttpResponse<String> response, PushProvider.Outcome failure) {
    }

    /** 429 and 5xx are retried, with the provider's Retry-After when it gave one in seconds. */
    static Optional<PushProvider.Outcome> retryable(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 429 && status < 500) {
            return Optional.empty();
        }
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .filter(value -> value.matches("\\d{1,6}")).map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(null);
        return Optional.of(new PushProvider.Retry(status == 429 ? "rate_limited" : "unavailable", retryAfter));
    }
}
