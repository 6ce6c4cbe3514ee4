package io.secureconnect.auth.sso;

import java.time.Duration;

import org.springframework.http.ResponseCookie;

/**
 * The cookie that binds a sign-in in flight to the browser that started it: HttpOnly (no script reads it), SameSite
 * Lax (sent on the provider's top-level redirect back, not on a cross-site request a page makes), only on the SSO
 * paths, Secure when the public address is https.
 */
final class SsoCookie {

    static final String NAME = "sc_sso";
    private static final String PATH = "/api/v1/auth/sso";

    private SsoCookie() {
    }

    static String set(String value, Duration lifetime, boolean secure) {
        return ResponseCookie.from(NAME, value).httpOnly(true).secure(secure).sameSite("Lax").path(PATH)
                .maxAge(lifetime).build().toString();
    }

    static String clear(boolean secure) {
        return ResponseCookie.from(NAME, "").httpOnly(true).secure(secure).sameSite("Lax").path(PATH)
                .maxAge(0).build().toString();
    }
}
