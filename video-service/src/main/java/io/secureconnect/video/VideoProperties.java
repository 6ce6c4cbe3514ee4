package io.secureconnect.video;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of video-service.
 *
 * @param maxParticipants   participants per call for this deployment (mesh: every peer sends to every other)
 * @param maxParticipantsByMedia a lower limit per call type ({@code audio}, {@code video}); the smaller one wins
 * @param reconnectWindow   how long a participant whose connection was lost (or whose instance died) may take to
 *                          come back before the others are told it left
 * @param ringTimeout       a call nobody answered within this time ends as missed
 * @param stateTtl          lifetime of a call's live state in Redis, renewed on every change
 * @param instanceTtl       how long an instance counts as alive after its last heartbeat
 * @param sweepInterval     how often orphaned participants, unanswered and expired calls are looked for
 * @param chatUrl           chat-service, asked who belongs to a conversation
 * @param authUrl           auth-service, asked whether a callee blocked the caller
 * @param peerTimeout       how long chat or auth may take to answer before the request fails closed
 * @param signaling         limits on the signaling socket
 * @param turn              TURN credentials (coturn REST API scheme)
 */
@Validated
@ConfigurationProperties("secureconnect.video")
public record VideoProperties(
        @DefaultValue("4") @Min(2) int maxParticipants,
        @DefaultValue Map<String, Integer> maxParticipantsByMedia,
        @DefaultValue("30s") Duration reconnectWindow,
        @DefaultValue("45s") Duration ringTimeout,
        @DefaultValue("24h") Duration stateTtl,
        @DefaultValue("10s") Duration instanceTtl,
        @DefaultValue("2s") Duration sweepInterval,
        @DefaultValue("http://localhost:8082") String chatUrl,
        @DefaultValue("http://localhost:8081") String authUrl,
        @DefaultValue("3s") Duration peerTimeout,
        @DefaultValue Signaling signaling,
        @DefaultValue Turn turn) {

    /** The participant limit of a call with this media: the deployment's, lowered by the media's own if set. */
    public int limitFor(String media) {
        Integer byMedia = maxParticipantsByMedia.get(media);
        return byMedia == null ? maxParticipants : Math.min(maxParticipants, byMedia);
    }

    /**
     * @param maxFrameBytes   a bigger frame closes the socket with 1009
     * @param framesPerSecond sustained frames a client may send; beyond the burst the socket closes with 4429
     * @param burst           frames a client may send at once (ICE candidates arrive in bursts)
     * @param outboundQueue   frames waiting for a peer that does not read; when full, it is disconnected (4500)
     *                        rather than slowing the others
     */
    public record Signaling(@DefaultValue("65536") int maxFrameBytes, @DefaultValue("50") int framesPerSecond,
                            @DefaultValue("200") int burst, @DefaultValue("256") int outboundQueue) {
    }

    /**
     * @param secret shared with coturn ({@code static-auth-secret}); without it credentials answer 503
     * @param ttl    lifetime of issued credentials
     * @param uris   STUN/TURN URIs handed to clients
     */
    public record Turn(String secret, @DefaultValue("1h") Duration ttl,
                       @DefaultValue("stun:localhost:3478") List<String> uris) {
    }
}
