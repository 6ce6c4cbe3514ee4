package io.secureconnect.auth.mfa;

import java.util.List;
import java.util.Optional;

import io.secureconnect.auth.login.LoginPolicy;
import io.secureconnect.auth.login.LoginResult;
import io.secureconnect.auth.login.SignedIn;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The second-factor rule of logging in: a password login of an account with a second factor gets a challenge
 * ({@code mfaRequired}, an {@code mfaToken}, the account's methods) and no token. Sign-ins that are already
 * multi-factor (a passwordless passkey) or federated (SSO, whose IdP decides) open their session directly.
 */
@Component
@Order(LoginPolicy.SECOND_FACTOR)
class SecondFactorLogins implements LoginPolicy {

    private final SecondFactors factors;
    private final MfaChallenges challenges;

    SecondFactorLogins(SecondFactors factors, MfaChallenges challenges) {
        this.factors = factors;
        this.challenges = challenges;
    }

    @Override
    public Optional<LoginResult> challenge(SignedIn signIn) {
        if (!signIn.byPassword() || signIn.amr().contains("mfa")) {
            return Optional.empty();
        }
        List<String> methods = factors.methodsFor(signIn.user().id());
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        String token = challenges.issue(signIn.user().id(), signIn.origin(), signIn.amr());
        return Optional.of(LoginResult.secondFactorRequired(token, methods, MfaChallenges.LIFETIME.toSeconds()));
    }
}
