package io.secureconnect.common.peer;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpExchangeAdapterDecorator;
import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * Every call of a typed peer client passes here, so one rule holds for all of them: a call runs inside the peer's
 * retry and circuit breaker, a 4xx is the peer's answer ({@link PeerDeclined}), and everything else that is not a
 * well-formed answer (no body, a member missing, JSON that does not parse, a 5xx, a timeout, an open breaker) is
 * {@link PeerUnavailable}. Answers are checked against the bean-validation constraints of their records, which is
 * how "missing" is defined; an endpoint without an answer body must say 204.
 */
final class PeerExchangeGuard extends HttpExchangeAdapterDecorator {

    private static final Logger log = LoggerFactory.getLogger(PeerExchangeGuard.class);

    private final PeerEndpoint endpoint;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Validator validator;

    PeerExchangeGuard(HttpExchangeAdapter delegate, PeerEndpoint endpoint, CircuitBreaker breaker, Retry retry,
                      Validator validator) {
        super(delegate);
        this.endpoint = endpoint;
        this.breaker = breaker;
        this.retry = retry;
        this.validator = validator;
    }

    /** A method without an answer body stands for an endpoint that answers 204; any other 2xx is not its answer. */
    @Override
    public void exchange(HttpRequestValues values) {
        guard(() -> {
            HttpStatusCode status = super.exchangeForBodilessEntity(values).getStatusCode();
            if (status.value() != 204) {
                throw new MalformedAnswer(status + " instead of 204 No Content");
            }
            return null;
        });
    }

    @Override
    public HttpHeaders exchangeForHeaders(HttpRequestValues values) {
        return guard(() -> super.exchangeForHeaders(values));
    }

    @Override
    public <T> T exchangeForBody(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
        return guard(() -> wellFormed(super.exchangeForBody(values, bodyType)));
    }

    @Override
    public ResponseEntity<Void> exchangeForBodilessEntity(HttpRequestValues values) {
        return guard(() -> super.exchangeForBodilessEntity(values));
    }

    @Override
    public <T> ResponseEntity<T> exchangeForEntity(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
        return guard(() -> {
            ResponseEntity<T> entity = super.exchangeForEntity(values, bodyType);
            wellFormed(entity.getBody());
            return entity;
        });
    }

    /**
     * Whether a failed attempt may be repeated: only when the peer was not reached or dropped the connection, so the
     * request most likely did nothing. A 5xx is not repeated (a struggling peer gets no extra load), nor a timeout (a
     * second wait would only double the caller's).
     */
    static boolean worthRetrying(Throwable failure) {
        return failure instanceof ResourceAccessException && !causedByTimeout(failure);
    }

    private <T> T guard(Supplier<T> call) {
        Outcome<T> outcome;
        try {
            outcome = retry.executeSupplier(() -> breaker.executeSupplier(() -> attempt(call)));
        } catch (CallNotPermittedException e) {
            log.warn("{} not asked: its circuit breaker is open", endpoint.peer().service());
            throw new PeerUnavailable(endpoint);
        } catch (RuntimeException e) {
            log.warn("{} gave no usable answer: {}", endpoint.peer().service(), rootOf(e));
            throw new PeerUnavailable(endpoint);
        }
        if (outcome.declined() != null) {
            throw new PeerDeclined(endpoint, outcome.declined());
        }
        return outcome.body();
    }

    /** A 4xx is returned rather than thrown, so that neither the breaker nor the retry counts it as a failure. */
    private static <T> Outcome<T> attempt(Supplier<T> call) {
        try {
            return new Outcome<>(call.get(), null);
        } catch (HttpClientErrorException e) {
            return new Outcome<>(null, e.getStatusCode());
        }
    }

    private <T> T wellFormed(T body) {
        if (body == null) {
            throw new MalformedAnswer("no body");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.iterator().next();
            throw new MalformedAnswer(first.getPropertyPath() + " " + first.getMessage());
        }
        return body;
    }

    private static String rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure.getClass().getSimpleName() + " (" + root + ")";
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private record Outcome<T>(T body, HttpStatusCode declined) {
    }

    /** A 2xx whose body is not the answer the interface promises; counts against the breaker. */
    static final class MalformedAnswer extends RuntimeException {
        MalformedAnswer(String what) {
            super("malformed answer: " + what, null, false, false);
        }
    }
}
