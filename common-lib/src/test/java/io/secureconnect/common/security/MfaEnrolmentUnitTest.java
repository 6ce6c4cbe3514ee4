package io.secureconnect.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a token limited to enrolling a second factor may go (docs/identity.md, Policy), and nowhere else. */
class MfaEnrolmentUnitTest {

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/users/me, true",
            "PATCH, /api/v1/users/me, false",
            "GET, /api/v1/users/me/mfa, true",
            "POST, /api/v1/users/me/mfa/totp/confirm, true",
            "POST, /api/v1/users/me/passkeys/options, true",
            "DELETE, /api/v1/users/me/passkeys/123, true",
            "POST, /api/v1/auth/logout, true",
            "POST, /api/v1/auth/logout-all, true",
            "GET, /api/v1/users/me/mfaX, false",
            "GET, /api/v1/users/me/sessions, false",
            "GET, /api/v1/admin/users, false",
            "GET, /api/v1/conversations, false",
            "GET, /ws/chat, false"})
    void allowsOnlyTheEnrolmentRoutes(String method, String path, boolean allowed) {
        assertThat(MfaEnrolment.allows(method, path)).isEqualTo(allowed);
    }
}
