package io.secureconnect.auth.login;

import io.secureconnect.auth.user.Emails;

/**
 * One attempt to log in: the credentials (the email in its one spelling, see {@link Emails}), the optional device
 * name shown in the session list, and where the attempt came from.
 */
public record LogIn(String email, String password, String deviceName, String clientAddress, String userAgent) {

    public LogIn {
        email = email == null ? null : Emails.normalize(email);
    }

    @Override
    public String toString() {
        return "LogIn[" + email + " from " + clientAddress + "]"; // never the password
    }
}
