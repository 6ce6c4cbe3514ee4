package io.secureconnect.auth.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.common.peer.CallerToken;
import io.secureconnect.common.peer.Peer;
import io.secureconnect.common.peer.PeerClients;
import io.secureconnect.common.peer.PeerDeclined;
import io.secureconnect.common.peer.PeerEndpoint;
import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.peer.auth.AuthSessionsApi;
import io.secureconnect.common.peer.auth.Relation;
import io.secureconnect.common.peer.auth.RelationsQuery;
import io.secureconnect.common.web.CommonErrorCode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The typed clients chat, video and every service's session check use ({@link AuthBlocksApi},
 * {@link AuthSessionsApi}) against auth-service's real controllers over HTTP, so the interfaces and the routes
 * cannot drift apart.
 */
@AuthServiceTest
class AuthPeerApisContractIntegrationTest {

    @LocalServerPort
    int port;

    private AuthClient auth;
    private AuthBlocksApi blocks;
    private AuthSessionsApi sessions;

    @BeforeEach
    void clients() {
        auth = new AuthClient(port);
        blocks = PeerClients.connect(AuthBlocksApi.class, endpoint(Peer.AUTH));
        sessions = PeerClients.connect(AuthSessionsApi.class, endpoint(Peer.AUTH_SESSION));
    }

    @Test
    void theBlockCheckAnswersBothWays() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann");
        AuthClient.Account bob = auth.newAccount("Bob");
        assertThat(blocks.check(token(bob), ann.id()).blocked()).isFalse();

        auth.send("PUT", "/api/v1/users/me/blocks/" + bob.id(), ann.accessToken(), null);

        assertThat(blocks.check(token(bob), ann.id()).blocked()).isTrue();
        assertThat(blocks.check(token(ann), bob.id()).blocked()).isTrue();
    }

    @Test
    void relationsReadIntoTheirRecordsAndLeaveOutWhoHasNoAccount() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann");
        AuthClient.Account blocker = auth.newAccount("Blocker");
        AuthClient.Account stranger = auth.newAccount("Stranger");
        auth.send("PUT", "/api/v1/users/me/blocks/" + ann.id(), blocker.accessToken(), null);
        UUID nobody = UUID.randomUUID();

        Map<UUID, Relation> relations = blocks.relations(token(ann),
                        new RelationsQuery(List.of(blocker.id(), stranger.id(), nobody))).items().stream()
                .collect(Collectors.toMap(Relation::userId, relation -> relation));

        assertThat(relations).containsOnlyKeys(blocker.id(), stranger.id());
        assertThat(relations.get(blocker.id())).isEqualTo(new Relation(blocker.id(), false, true));
        assertThat(relations.get(stranger.id())).isEqualTo(new Relation(stranger.id(), false, false));
    }

    @Test
    void aQueryAuthServiceRefusesIsTheDeclinedFourHundred() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann");

        assertThatThrownBy(() -> blocks.relations(token(ann), new RelationsQuery(List.of())))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void theSessionStatusIsActiveUntilLogoutThenTheDeclinedFourOhOne() throws Exception {
        AuthClient.Account ann = auth.newAccount("Ann");

        sessions.current(token(ann));
        assertThat(auth.send("POST", "/api/v1/auth/logout", ann.accessToken(), "").statusCode()).isEqualTo(204);

        assertThatThrownBy(() -> sessions.current(token(ann)))
                .isInstanceOfSatisfying(PeerDeclined.class, e -> assertThat(e.status().value()).isEqualTo(401));
    }

    private PeerEndpoint endpoint(Peer peer) {
        return new PeerEndpoint(peer, URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(10),
                CommonErrorCode.SERVICE_UNAVAILABLE);
    }

    private static CallerToken token(AuthClient.Account account) {
        return new CallerToken(account.accessToken());
    }
}
