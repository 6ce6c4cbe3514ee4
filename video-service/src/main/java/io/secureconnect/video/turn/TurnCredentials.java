package io.secureconnect.video.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.video.VideoErrorCode;
import io.secureconnect.video.VideoProperties;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Time-limited TURN credentials in coturn's REST API scheme ({@code use-auth-secret}): the username is
 * {@code <expiry unix seconds>:<userId>} and the password base64(HMAC-SHA1(secret, username)), so coturn checks
 * them with the shared secret alone. Without a secret the service still runs (STUN-only peers can call on open
 * networks) but refuses to hand out credentials, and says so once at startup.
 */
@Component
class TurnCredentials {

    private static final Logger log = LoggerFactory.getLogger(TurnCredentials.class);

    @Schema(name = "TurnCredentials", description = "coturn's REST API scheme (`use-auth-secret`): give them to"
            + " RTCPeerConnection as an `iceServers` entry")
    record Credentials(
            @Schema(description = "`<expiry unix seconds>:<userId>`",
                    example = "1765142100:0190f39f-1a2b-7c3d-8e4f-5a6b7c8d9e0f") String username,
            @Schema(description = "base64(HMAC-SHA1(secret, username))", example = "qvJ8m3Xy0oV7c1Fh2k5N9rT4sWc=")
            String password,
            @Schema(description = "How long the credentials are valid, in seconds", example = "3600") long ttl,
            @ArraySchema(arraySchema = @Schema(description = "The STUN and TURN servers to use them with"),
                    schema = @Schema(example = "turn:turn.example.com:3478?transport=udp")) List<String> uris) {
    }

    private final VideoProperties.Turn turn;
    private final Clock clock;

    TurnCredentials(VideoProperties properties, Clock clock) {
        this.turn = properties.turn();
        this.clock = clock;
        if (!isConfigured()) {
            log.warn("SC_TURN_SECRET is not set: GET /api/v1/turn/credentials answers 503 TURN_NOT_CONFIGURED");
        }
    }

    boolean isConfigured() {
        return turn.secret() != null && !turn.secret().isBlank();
    }

    Credentials issue(UUID userId) {
        if (!isConfigured()) {
            throw new ApiException(VideoErrorCode.TURN_NOT_CONFIGURED, "This deployment has no TURN secret configured.");
        }
        long expiry = clock.instant().plus(turn.ttl()).getEpochSecond();
        String username = expiry + ":" + userId;
        return new Credentials(username, sign(username), turn.ttl().toSeconds(), turn.uris());
    }

    private String sign(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(turn.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every JDK", e);
        }
    }
}
