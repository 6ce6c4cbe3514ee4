package io.secureconnect.auth.login;

import java.util.List;

import io.secureconnect.auth.session.SessionOrigin;
import io.secureconnect.auth.user.User;

/**
 * A user whose first factor proved right, about to get a session: by which proof ({@code amr}, RFC 8176:
 * {@code ["pwd"]} for a password, {@code ["fed"]} for single sign-on, {@code ["hwk","user","mfa"]} for a passwordless
 * passkey) and from where.
 */
public record SignedIn(User user, SessionOrigin origin, List<String> amr) {

    public SignedIn {
        amr = List.copyOf(amr);
    }

    public boolean byPassword() {
        return amr.contains("pwd");
    }
}
