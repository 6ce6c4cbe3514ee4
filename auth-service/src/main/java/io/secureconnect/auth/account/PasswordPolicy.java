package io.secureconnect.auth.account;

import java.util.Locale;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.common.web.ApiException;

/**
 * Length is what makes a password strong (NIST SP 800-63B): at least 12 characters, at most 128 so hashing cost
 * stays bounded, and not merely the email address or one repeated character.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    static void check(String password, String email) {
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email.substring(0, Math.max(0, email.indexOf('@')));
        if (password.codePoints().distinct().count() < 4) {
            throw weak("Use more than three different characters.");
        }
        if (!localPart.isEmpty() && lower.contains(localPart) && localPart.length() * 2 >= password.length()) {
            throw weak("The password must not be based on the email address.");
        }
    }

    private static ApiException weak(String detail) {
        return new ApiException(AuthErrorCode.AUTH_WEAK_PASSWORD, detail);
    }
}
