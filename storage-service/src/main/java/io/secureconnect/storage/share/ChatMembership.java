package io.secureconnect.storage.share;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import io.secureconnect.common.requestid.RequestIds;
import io.secureconnect.storage.StorageProperties;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Asks chat-service whether a user may read a file through a conversation:
 * {@code GET /internal/v1/conversations/{conversationId}/members/{userId}?fileId=} with the caller's own bearer token
 * (204 when the user is a member and a live message there still carries the file, 404 not: a deleted or expired
 * message withdraws the share). Any other answer, a timeout, or the open {@code chat} circuit breaker is "unknown", and
 * callers must then refuse (fail closed).
 */
@Component
class ChatMembership {

    enum Answer { MEMBER, NOT_MEMBER, UNKNOWN }

    private final URI chatUrl;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final HttpClient http;

    ChatMembership(StorageProperties properties, CircuitBreakerRegistry breakers) {
        this.chatUrl = properties.chat().url();
        this.timeout = properties.chat().timeout();
        this.breaker = breakers.circuitBreaker("chat");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    Answer isMember(UUID conversationId, UUID userId, UUID fileId, String bearerToken) {
        try {
            return breaker.executeCallable(() -> ask(conversationId, userId, fileId, bearerToken));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.UNKNOWN;
        } catch (Exception e) {
            return Answer.UNKNOWN; // unreachable, too slow, an odd answer, or the breaker is open
        }
    }

    private Answer ask(UUID conversationId, UUID userId, UUID fileId, String bearerToken)
            throws IOException, InterruptedException {
        URI uri = chatUrl.resolve("/internal/v1/conversations/" + conversationId + "/members/" + userId
                + "?fileId=" + fileId);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Authorization", "Bearer " + bearerToken);
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (RequestIds.isSane(requestId)) {
            request.header(RequestIds.HEADER, requestId);
        }
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return switch (status) {
            case 200, 204 -> Answer.MEMBER;
            case 404 -> Answer.NOT_MEMBER;
            default -> throw new ChatFailure(status);
        };
    }

    /** chat-service answered, but not with a membership answer (5xx, 401, ...): counts against the breaker. */
    static final class ChatFailure extends RuntimeException {
        ChatFailure(int status) {
            super("chat-service answered " + status, null, false, false);
        }
    }
}
