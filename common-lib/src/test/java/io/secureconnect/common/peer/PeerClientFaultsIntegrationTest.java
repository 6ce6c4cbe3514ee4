package io.secureconnect.common.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.peer.auth.AuthSessionsApi;
import io.secureconnect.common.peer.auth.RelationsQuery;
import io.secureconnect.common.requestid.RequestIds;
import io.secureconnect.common.security.AuthServiceSessionStatus;
import io.secureconnect.common.web.CommonErrorCode;
import io.secureconnect.testsupport.peer.FaultyPeer;
import io.secureconnect.testsupport.peer.FaultyPeer.Fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The one rule of every typed peer client, against a real HTTP server that answers badly: no usable answer is
 * {@link PeerUnavailable}, a 4xx is the peer's {@link PeerDeclined} answer, and the session status every service asks
 * while Redis is down fails closed on each of them.
 */
class PeerClientFaultsIntegrationTest {

    private final FaultyPeer peer = FaultyPeer.start();

    @AfterEach
    void stop() {
        peer.close();
        MDC.clear();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBlockCheckWithoutAUsableAnswerIsRefusedNeverReadAsNotBlocked(Fault fault) {
        AuthBlocksApi auth = client(AuthBlocksApi.class, Peer.AUTH);
        peer.answer(fault);

        assertThatThrownBy(() -> auth.check(new CallerToken("token"), UUID.randomUUID()))
                .isInstanceOf(PeerUnavailable.class).isNotInstanceOf(PeerDeclined.class)
                .satisfies(e -> assertThat(((PeerUnavailable) e).code()).isEqualTo(CommonErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void aRelationMissingItsBlockedMemberIsRefusedNotReadAsNoBlock() {
        AuthBlocksApi auth = client(AuthBlocksApi.class, Peer.AUTH);
        UUID other = UUID.randomUUID();
        peer.answer(200, "{\"items\":[{\"userId\":\"" + other + "\",\"contact\":true}]}");

        assertThatThrownBy(() -> auth.relations(new CallerToken("token"),
                new RelationsQuery(List.of(other))))
                .isInstanceOf(PeerUnavailable.class);
    }

    /** The answer is 204 alone: a 200 with or without a body is not it. */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void theSessionStatusFailsClosedWhenAuthServiceGivesNoUsableAnswer(Fault fault) {
        var status = new AuthServiceSessionStatus(client(AuthSessionsApi.class, Peer.AUTH_SESSION));
        peer.answer(fault);

        assertThatThrownBy(() -> status.isRevoked(token("session-1"))).isInstanceOf(JwtException.class);
    }

    @Test
    void aSessionStatusAnswerOtherThanActiveOrRevokedFailsClosed() {
        var status = new AuthServiceSessionStatus(client(AuthSessionsApi.class, Peer.AUTH_SESSION));
        peer.answer(403, "{}");

        assertThatThrownBy(() -> status.isRevoked(token("session-1"))).isInstanceOf(JwtException.class);
    }

    @Test
    void onlyARevokedAnswerIsRemembered() {
        var status = new AuthServiceSessionStatus(client(AuthSessionsApi.class, Peer.AUTH_SESSION));

        peer.answer(204, "");
        assertThat(status.isRevoked(token("active"))).isFalse();
        peer.answer(401, "{}");
        assertThat(status.isRevoked(token("active"))).as("asked again, now revoked").isTrue();
        peer.answer(204, "");
        assertThat(status.isRevoked(token("active"))).as("revoked never turns back").isTrue();
        assertThat(peer.requests()).hasSize(2);
    }

    @Test
    void theCallersTokenAndTheRequestIdTravelAlong() {
        AuthSessionsApi sessions = client(AuthSessionsApi.class, Peer.AUTH_SESSION);
        peer.answer(204, "");
        MDC.put(RequestIds.MDC_KEY, "req-123");

        sessions.current(new CallerToken("the-token"));

        FaultyPeer.Request asked = peer.requests().getFirst();
        assertThat(asked.uri()).isEqualTo(AuthSessionsApi.CURRENT);
        assertThat(asked.authorization()).isEqualTo("Bearer the-token");
        assertThat(asked.requestId()).isEqualTo("req-123");
    }

    @Test
    void aFourHundredIsTheGivenAnswerAndIsNotRetried() {
        AuthBlocksApi auth = client(AuthBlocksApi.class, Peer.AUTH);
        peer.answer(404, "{}");

        assertThatThrownBy(() -> auth.check(new CallerToken("token"), UUID.randomUUID()))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThat(peer.requests()).hasSize(1);
    }

    @Test
    void aPeerThatKeepsFailingIsNoLongerAskedOnceItsBreakerOpens() {
        AuthBlocksApi auth = client(AuthBlocksApi.class, Peer.AUTH);
        peer.answer(Fault.SERVER_ERROR);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> auth.check(new CallerToken("token"), UUID.randomUUID()))
                    .isInstanceOf(PeerUnavailable.class);
        }
        int asked = peer.requests().size();
        peer.answer(200, "{\"blocked\":false}");

        assertThatThrownBy(() -> auth.check(new CallerToken("token"), UUID.randomUUID()))
                .isInstanceOf(PeerUnavailable.class);
        assertThat(peer.requests()).as("refused without asking").hasSize(asked);
    }

    @Test
    void aWellFormedAnswerIsRead() {
        AuthBlocksApi auth = client(AuthBlocksApi.class, Peer.AUTH);
        peer.answer(200, "{\"blocked\":true}");

        assertThat(auth.check(new CallerToken("token"), UUID.randomUUID()).blocked()).isTrue();
    }

    private <T> T client(Class<T> api, Peer which) {
        return PeerClients.connect(api, new PeerEndpoint(which, URI.create(peer.url()), Duration.ofSeconds(5),
                CommonErrorCode.SERVICE_UNAVAILABLE));
    }

    private static Jwt token(String sessionId) {
        return Jwt.withTokenValue("header.payload.signature").header("alg", "ES256").subject(UUID.randomUUID().toString())
                .claim("sid", sessionId).build();
    }
}
