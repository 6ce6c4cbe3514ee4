package io.secureconnect.auth.account;

import java.util.List;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * Length and unpredictability make a password strong (NIST SP 800-63B): 12 to 128 characters (the upper bound
 * keeps hashing cost bounded), and a zxcvbn estimate of at least "safely unguessable" (score 3), which rejects the
 * common passwords of its dictionaries, keyboard walks, repeats, dates, and anything built from the email or name.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final int MIN_SCORE = 3;

    private final Zxcvbn estimator = new Zxcvbn();

    void check(String password, String email, String displayName) {
        Strength strength = estimator.measure(password, List.of(email, email.substring(0, Math.max(0, email.indexOf('@'))),
                displayName));
        if (strength.getScore() < MIN_SCORE) {
            String hint = strength.getFeedback().getWarning();
            throw new ApiException(AuthErrorCode.AUTH_WEAK_PASSWORD, "This password is too easy to guess"
                    + (hint == null || hint.isBlank() ? "." : ": " + hint));
        }
    }
}
