package io.secureconnect.auth.login;

import io.secureconnect.auth.user.Emails;

/**
 * One attempt to log in: the credentials (the email in its one spelling, see {@link Emails}), the optional device
 * name shown in the session list, and where the attempt came from. {@code confirmation} marks a signed-in user's
 * password confirming a change ({@link PasswordConfirmation}): it opens no session, so rules about how one may log
 * in (single sign-on only) leave it alone while the lockout still counts it.
 */
public record LogIn(String email, String password, String deviceName, String clientAddress, String userAgent,
                    boolean confirmation) {

    public LogIn {
        email = email == null ? null : Emails.normalize(email);
    }

    /** A login: an attempt to open a session. */
    public LogIn(String email, String password, String deviceName, String clientAddress, String userAgent) {
        this(email, password, deviceName, clientAddress, userAgent, false);
    }

    @Override
    public String toString() {
        return "LogIn[" + email + " from " + clientAddress + "]"; // never the password
    }
}
