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

import io.swagger.v3.oas.annotations.media.Schema;

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
    @Schema(name = "PasskeyRequestOptions")
    record Started(@Schema(description = "Send it back with the browser's assertion",
                           example = "3f1c2a9e-5b7d-4c1e-9a8f-2d6b0e4c7a15") UUID requestId,
                   @Schema(implementation = Object.class, types = "object",
                           description = "`PublicKeyCredentialRequestOptions` JSON for"
                                   + " `PublicKeyCredential.parseRequestOptionsFromJSON`; `allowCredentials` names the"
                                   + " account's passkeys for a second factor and is empty for a passwordless sign-in",
                           example = REQUEST_OPTIONS_EXAMPLE) JsonNode publicKey) {
    }

    /** Request options as the browser gets them (shortened values), for the API description. */
    static final String REQUEST_OPTIONS_EXAMPLE = "{\"challenge\":\"Xq3vB8n2Lk0pRt5yWc7aZgH1mD4sF6jK9lP2oI8uY0t\","
            + "\"timeout\":300000,\"rpId\":\"chat.example.com\",\"allowCredentials\":[],"
            + "\"userVerification\":\"required\"}";

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
