package io.secureconnect.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerUnitTest {

    @Test
    void aTokenWithoutTheEmailClaimIsAnUnverifiedCallerAndABadSessionIsNone() {
        UUID user = UUID.randomUUID();
        Jwt token = Jwt.withTokenValue("compact-token").header("alg", "ES256").subject(user.toString())
                .claim("sid", "not-a-uuid").build();

        Caller caller = Caller.of(token);

        assertThat(caller.userId()).isEqualTo(user);
        assertThat(caller.emailVerified()).isFalse();
        assertThat(caller.sessionId()).isNull();
        assertThat(caller.accessToken()).isEqualTo("compact-token");
        assertThat(caller.toString()).doesNotContain("compact-token");
    }
}
