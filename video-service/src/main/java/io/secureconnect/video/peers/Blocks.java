package io.secureconnect.video.peers;

import java.util.Map;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.video.VideoErrorCode;
import io.secureconnect.video.VideoProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks auth-service whether the caller and another user blocked each other ({@code GET
 * /internal/v1/blocks/check?with=} with the caller's token answers {@code {"blocked":bool}}); a blocked callee is
 * not rung. Fails closed: when auth cannot answer, the call is not placed.
 */
@Component
public class Blocks {

    private static final Logger log = LoggerFactory.getLogger(Blocks.class);

    private final RestClient auth;

    Blocks(VideoProperties properties) {
        this.auth = PeerClients.restClient(properties.authUrl(), properties.peerTimeout());
    }

    public boolean eitherBlocked(UUID other, String callerToken) {
        try {
            Map<?, ?> answer = auth.get().uri(uri -> uri.path("/internal/v1/blocks/check").queryParam("with", other).build())
                    .header("Authorization", "Bearer " + callerToken)
                    .retrieve().body(Map.class);
            return answer != null && Boolean.TRUE.equals(answer.get("blocked"));
        } catch (RestClientException e) {
            log.warn("auth-service could not answer a block check: {}", e.toString());
            throw new ApiException(VideoErrorCode.AUTH_UNAVAILABLE, "Blocks cannot be checked right now; try again shortly.");
        }
    }
}
