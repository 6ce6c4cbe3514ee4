package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;

import org.junit.jupiter.api.Test;

/**
 * Bad input through the gateway is the client's error, answered in the common problem format, never a 500 and
 * never a stack trace (ARCHITECTURE §4, Errors).
 */
@SystemTest
class ClientErrorIT {

    private final SecureConnectSystem system;
    private final String token = TestTokens.accessToken(UUID.randomUUID());

    ClientErrorIT(SecureConnectSystem system) {
        this.system = system;
    }

    @Test
    void malformedInputIsAClearClientError() {
        // given
        var requestId = "sys-malformed-" + UUID.randomUUID();

        // when
        var reply = Api.postJson(system.gateway("/api/v1/conversations"), "{bad").bearer(token).requestId(requestId)
                .send();

        // then: 400 once the endpoint exists (404/405 before), in any case a problem the client can act on
        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        assertThat(reply.member("code")).isNotBlank();
        assertThat(reply.member("requestId")).isEqualTo(requestId);
        assertThat(reply.body()).doesNotContain("Exception", "\tat ", "at org.", "at java.", "tools.jackson");
    }

    @Test
    void oversizeBodyIsRefusedAsTooLarge() {
        // given: 2 MB, twice the limit
        var body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        body[0] = '"';
        body[body.length - 1] = '"';
        var requestId = "sys-oversize-" + UUID.randomUUID();

        // when
        var reply = Api.post(system.gateway("/api/v1/conversations"), "application/json", body).bearer(token)
                .requestId(requestId).send();

        // then
        assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        assertThat(reply.member("code")).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(reply.member("requestId")).isEqualTo(requestId);
        assertThat(reply.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(4096);
    }
}
