package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.secureconnect.testsupport.contract.OpenApiContract;
import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestTokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's route table (ARCHITECTURE §3a) as a client meets it: every prefix lands on the service that owns
 * it, with the client's request id carried all the way, and nothing but the public paths passes the edge without
 * a token.
 */
@SystemTest
class GatewayRoutingIT {

    /** Deep enough below each prefix that no handler will ever match it, so the owning service answers 404. */
    private static final String UNHANDLED = "/system-test-probe/no/such/path";

    private final SecureConnectSystem system;

    GatewayRoutingIT(SecureConnectSystem system) {
        this.system = system;
    }

    static Stream<Arguments> routePrefixes() {
        return Stream.of(
                Arguments.of("/api/v1/auth", Service.AUTH),
                Arguments.of("/api/v1/users", Service.AUTH),
                Arguments.of("/api/v1/admin", Service.AUTH),
                Arguments.of("/api/v1/conversations", Service.CHAT),
                Arguments.of("/api/v1/polls", Service.CHAT),
                Arguments.of("/api/v1/notifications", Service.CHAT),
                Arguments.of("/api/v1/devices", Service.CHAT),
                Arguments.of("/api/v1/keys", Service.CHAT),
                Arguments.of("/api/v1/presence", Service.CHAT),
                Arguments.of("/api/v1/search", Service.CHAT),
                Arguments.of("/api/v1/calls", Service.VIDEO),
                Arguments.of("/api/v1/turn", Service.VIDEO),
                Arguments.of("/api/v1/files", Service.STORAGE));
    }

    @ParameterizedTest(name = "{0}/** reaches {1}")
    @MethodSource("routePrefixes")
    void everyRoutePrefixReachesItsService(String prefix, Service owner) {
        // given: a signed-in user (admin too, so no route refuses the probe for lack of a role)
        var token = TestTokens.accessToken(UUID.randomUUID(), List.of("user", "admin"));
        var requestId = "sys-route-" + UUID.randomUUID();

        // when
        var reply = Api.get(system.gateway(prefix + UNHANDLED)).bearer(token).requestId(requestId).send();

        // then: the service's own 404, carrying the client's request id
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        assertThat(reply.member("code")).isEqualTo("NOT_FOUND");
        assertThat(reply.member("requestId")).isEqualTo(requestId);
        assertThat(reply.requestIdHeader()).isEqualTo(requestId);
        // and: the owner logged the request, no other service saw it
        var logs = system.logs();
        await("a line with request_id " + requestId + " in " + owner.logFile())
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(logs.entriesWithRequestId(owner.logFile(), requestId)).isNotEmpty());
        Arrays.stream(Service.values())
                .filter(other -> other != owner && other != Service.GATEWAY)
                .forEach(other -> assertThat(logs.entriesWithRequestId(other.logFile(), requestId))
                        .as("%s must not have seen %s", other, requestId).isEmpty());
    }

    @Test
    void gatewayRefusesARouteWithoutAToken() {
        // given
        var requestId = "sys-anonymous-" + UUID.randomUUID();

        // when
        var reply = Api.get(system.gateway("/api/v1/conversations")).requestId(requestId).send();

        // then
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        assertThat(reply.member("code")).isEqualTo("UNAUTHENTICATED");
        assertThat(reply.member("requestId")).isEqualTo(requestId);
        assertThat(reply.requestIdHeader()).isEqualTo(requestId);
        // and: it was the edge that refused it; chat-service never saw the request
        var logs = system.logs();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(logs.entriesWithRequestId(Service.GATEWAY.auditLogFile(), requestId)).isNotEmpty());
        assertThat(logs.entriesWithRequestId(Service.CHAT.auditLogFile(), requestId)).isEmpty();
        assertThat(logs.entriesWithRequestId(Service.CHAT.logFile(), requestId)).isEmpty();
    }

    @Test
    void signingKeysArePublicThroughTheGateway() {
        // when: no token, as a resource server fetching the JWKS
        var reply = Api.get(system.gateway("/.well-known/jwks.json")).send();

        // then: auth-service's public key, and only the public half
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        var keys = reply.json().get("keys");
        assertThat(keys).isNotNull();
        assertThat(keys.valueStream().map(key -> key.path("kid").asString())).contains(TestJwks.shared().keyId());
        assertThat(keys.valueStream()).allSatisfy(key -> assertThat(key.has("d")).as("private key member d").isFalse());
    }

    @Test
    void theWholeApiDescriptionAtDocsIsTheCommittedOne() throws Exception {
        // when: no token, as a developer generating a client would fetch it
        var reply = Api.get(system.gateway("/docs/openapi.json")).send();

        // then: every running service's operations, exactly what docs/openapi/secureconnect.json (the client's source)
        // says
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(OpenApiContract.differenceFromCommittedCopy(reply.json(), "secureconnect")).isNull();
        assertThat(Api.get(system.gateway("/docs")).send().body()).contains("/docs/openapi.json");
    }

    @Test
    void gatewayHealthIsUp() {
        // when
        var reply = Api.get(system.gateway("/health")).send();

        // then
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.member("status")).isEqualTo("UP");
    }
}
