package io.secureconnect.chat.peer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.secureconnect.common.security.Caller;
import io.secureconnect.chat.ChatProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * "Has either of these two users blocked the other?", asked of auth-service with the caller's token. A "no" is
 * reused for a short while so a busy direct conversation does not ask on every message; a "yes" is never cached,
 * and when auth-service cannot answer the caller is refused (fail closed).
 */
@Component
public class BlockCheck {

    private static final Logger log = LoggerFactory.getLogger(BlockCheck.class);

    private final RestClient auth;
    private final ChatProperties properties;
    private final Map<String, Instant> notBlockedUntil = new ConcurrentHashMap<>();

    BlockCheck(ChatProperties properties) {
        this.auth = PeerClient.create(properties.authUrl(), properties);
        this.properties = properties;
    }

    public boolean eitherBlocked(Caller caller, UUID other) {
        String pair = caller.userId() + ":" + other;
        Instant until = notBlockedUntil.get(pair);
        if (until != null && until.isAfter(Instant.now())) {
            return false;
        }
        boolean blocked = ask(caller, other);
        if (blocked) {
            notBlockedUntil.remove(pair);
        } else {
            if (notBlockedUntil.size() > 100_000) {
                notBlockedUntil.clear(); // a crude bound; the cache only saves calls
            }
            notBlockedUntil.put(pair, Instant.now().plus(properties.blockCacheTtl()));
        }
        return blocked;
    }

    private boolean ask(Caller caller, UUID other) {
        try {
            Map<?, ?> answer = auth.get().uri("/internal/v1/blocks/check?with={other}", other)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + caller.accessToken())
                    .retrieve().body(Map.class);
            if (answer == null || !(answer.get("blocked") instanceof Boolean blocked)) {
                throw PeerClient.unavailable("auth-service");
            }
            return blocked;
        } catch (RestClientException e) {
            log.warn("Block check with auth-service failed: {}", e.getMessage());
            throw PeerClient.unavailable("auth-service");
        }
    }
}
