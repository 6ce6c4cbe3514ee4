package io.secureconnect.chat.peer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.secureconnect.chat.ChatProperties;
import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.security.Caller;

import org.springframework.stereotype.Component;

/**
 * "Has either of these two users blocked the other?", asked of auth-service with the caller's token. A "no" is
 * reused for a short while so a busy direct conversation does not ask on every message; a "yes" is never cached,
 * and when auth-service gives no usable answer the caller is refused (fail closed, {@code PEER_UNAVAILABLE}).
 */
@Component
public class BlockCheck {

    private final AuthBlocksApi auth;
    private final ChatProperties properties;
    private final Map<String, Instant> notBlockedUntil = new ConcurrentHashMap<>();

    BlockCheck(AuthBlocksApi auth, ChatProperties properties) {
        this.auth = auth;
        this.properties = properties;
    }

    public boolean eitherBlocked(Caller caller, UUID other) {
        String pair = caller.userId() + ":" + other;
        Instant until = notBlockedUntil.get(pair);
        if (until != null && until.isAfter(Instant.now())) {
            return false;
        }
        boolean blocked = auth.check(new CallerToken(caller.accessToken()), other).blocked();
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
}
