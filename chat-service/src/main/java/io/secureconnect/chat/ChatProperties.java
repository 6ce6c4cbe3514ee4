package io.secureconnect.chat;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * chat-service settings ({@code secureconnect.chat.*}).
 *
 * @param maxGroupMembers      members a group may hold, owner included
 * @param maxTextLength        characters in a text message (an {@code e2ee} ciphertext may be twice as long)
 * @param requireVerifiedEmail S9, true unless a deployment says otherwise: a user whose token does not say
 *                             {@code email_verified} may read what they are in, but neither create conversations,
 *                             add members, send, edit, react nor create polls (403 {@code EMAIL_NOT_VERIFIED}, an
 *                             {@code error} frame on the socket); anyone can register someone else's address
 * @param authUrl              auth-service, asked whether two users blocked each other
 * @param storageUrl           storage-service, asked to share an attached file into a conversation
 * @param peerTimeout          how long a call to auth- or storage-service may take before we fail closed
 * @param blockCacheTtl        how long a "not blocked" answer is reused for a pair
 * @param websocket            limits of {@code /ws/chat}
 * @param syncBatch            messages replayed per conversation by one {@code sync}
 */
@ConfigurationProperties("secureconnect.chat")
public record ChatProperties(
        @DefaultValue("1000") int maxGroupMembers,
        @DefaultValue("4000") int maxTextLength,
        @DefaultValue("true") boolean requireVerifiedEmail,
        @DefaultValue("http://127.0.0.1:8081") URI authUrl,
        @DefaultValue("http://127.0.0.1:8084") URI storageUrl,
        @DefaultValue("2s") Duration peerTimeout,
        @DefaultValue("30s") Duration blockCacheTtl,
        @DefaultValue WebSocket websocket,
        @DefaultValue("500") int syncBatch) {

    /**
     * @param maxFrameSize      a bigger inbound frame closes the socket with 1009 (the container keeps a buffer this
     *                          size per socket, so it is what an idle connection costs: keep it small)
     * @param outboundQueue     frames waiting for a slow client before it is disconnected (close code 4500)
     * @param framesPerSecond   sustained inbound frames per connection; bursts up to {@code frameBurst}
     * @param frameBurst        inbound burst allowance
     * @param floodLimit        frames refused for rate within ten seconds that close the socket with 4429
     * @param idleTimeout       a socket with no frame (not even {@code ping}) for this long is closed
     * @param presenceTtl       a connection counts as online this long after its last heartbeat
     * @param presenceCoalesce  presence changes are broadcast at most this often, and only the net change
     */
    public record WebSocket(
            @DefaultValue("16KB") DataSize maxFrameSize,
            @DefaultValue("1024") int outboundQueue,
            @DefaultValue("20") int framesPerSecond,
            @DefaultValue("60") int frameBurst,
            @DefaultValue("200") int floodLimit,
            @DefaultValue("90s") Duration idleTimeout,
            @DefaultValue("60s") Duration presenceTtl,
            @DefaultValue("2s") Duration presenceCoalesce) {
    }
}
