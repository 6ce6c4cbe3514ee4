package io.secureconnect.auth.passkey;

import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.AuthMetrics;
import io.secureconnect.auth.login.LoggingIn;
import io.secureconnect.auth.login.LoginResult;
import io.secureconnect.auth.passkey.PasskeyAssertions.PasskeyRefused;
import io.secureconnect.auth.passkey.PasskeyChallenges.Purpose;
import io.secureconnect.auth.session.SessionOrigin;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.web.ApiException;

import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * Signing in with a passkey and no password: a discoverable credential whose authenticator verified its user
 * (PIN, biometrics) is both factors at once, {@code amr ["hwk","user","mfa"]}; the session is then opened by
 * {@link LoggingIn#signedInBy} under the same account rules as any login (a banned account stays out).
 */
@Service
class PasskeyLogin {

    static final List<String> AMR = List.of("hwk", "user", "mfa");

    /** What the browser needs to ask for a passkey, and the id it sends back with the assertion. */
    record Started(UUID requestId, JsonNode publicKey) {
    }

    private final RelyingParty rp;
    private final PasskeyChallenges challenges;
    private final PasskeyAssertions assertions;
    private final UserRepository users;
    private final LoggingIn loggingIn;
    private final AuthMetrics metrics;

    PasskeyLogin(RelyingParty rp, PasskeyChallenges challenges, PasskeyAssertions assertions, UserRepository users,
                 LoggingIn loggingIn, AuthMetrics metrics) {
        this.rp = rp;
        this.challenges = challenges;
        this.assertions = assertions;
        this.users = users;
        this.loggingIn = loggingIn;
        this.metrics = metrics;
    }

    Started start() {
        PasskeyChallenges.Issued issued = challenges.issue(Purpose.LOGIN, null);
        return new Started(issued.id(), PasskeyJson.options(PasskeyOptions.passwordless(rp, issued.challenge())));
    }

    LoginResult logIn(String requestId, JsonNode credentialJson, SessionOrigin origin) {
        metrics.attempts.increment();
        PublicKeyCredential<AuthenticatorAssertionResponse> credential = PasskeyJson.assertion(credentialJson);
        User user;
        try {
            UUID userId = assertions.passwordless(requestId, credential);
            user = users.findById(userId).orElseThrow(PasskeyRefused::new);
        } catch (PasskeyRefused refused) {
            metrics.failures.increment();
            throw new ApiException(PasskeyErrorCode.PASSKEY_INVALID, "The passkey was not accepted.");
        }
        return loggingIn.signedInBy(user, origin, AMR);
    }
}
