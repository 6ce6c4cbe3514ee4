package io.secureconnect.common.security.reactive;

import io.secureconnect.common.redis.RedisGuard;
import io.secureconnect.common.security.RevokedSessions;
import io.secureconnect.common.security.RevokedSessionsMirror;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The revocation check of the MVC services, without blocking an event loop: the answer of this instance's copy of
 * the revoked sessions while it is fresh ({@link RevokedSessionsMirror}), else one reactive Redis lookup per token,
 * and while Redis is degraded the durable answer (auth-service) asked on a worker thread. A revoked session is a bad
 * token (401); no answer at all fails closed (503).
 */
public class ReactiveSessionRevocationCheck {

    private final ReactiveStringRedisTemplate redis;
    private final RedisGuard guard;
    private final RevokedSessions durable;
    private final RevokedSessionsMirror mirror;

    public ReactiveSessionRevocationCheck(ReactiveStringRedisTemplate redis, RedisGuard guard, RevokedSessions durable,
                                          RevokedSessionsMirror mirror) {
        this.redis = redis;
        this.guard = guard;
        this.durable = durable;
        this.mirror = mirror;
    }

    /** A decoder that also refuses tokens of revoked sessions. */
    public ReactiveJwtDecoder around(ReactiveJwtDecoder decoder) {
        return token -> decoder.decode(token).flatMap(this::refuseIfRevoked);
    }

    private Mono<Jwt> refuseIfRevoked(Jwt jwt) {
        String sessionId = jwt.getClaimAsString("sid");
        if (sessionId == null || sessionId.isBlank()) {
            return Mono.error(new BadJwtException("The token names no session"));
        }
        return switch (mirror.lookup(sessionId)) {
            case REVOKED -> revoked();
            case NOT_REVOKED -> Mono.just(jwt);
            case UNKNOWN -> askedPerRequest(jwt, sessionId);
        };
    }

    private Mono<Jwt> askedPerRequest(Jwt jwt, String sessionId) {
        return guard.callReactive(() -> redis.hasKey(RevokedSessions.redisKey(sessionId)),
                        () -> Mono.fromCallable(() -> durable.isRevoked(jwt)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(revoked -> revoked ? revoked() : Mono.just(jwt));
    }

    private static Mono<Jwt> revoked() {
        return Mono.error(new BadJwtException("The session was revoked"));
    }
}
