package io.secureconnect.auth.login;

import java.util.List;
import java.util.Optional;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.AuthMetrics;
import io.secureconnect.auth.password.PasswordHasher;
import io.secureconnect.auth.session.SessionOrigin;
import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.session.TokenResponse;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * Logging in: the attempt passes every {@link LoginPolicy}'s gate, then the password is checked, then every policy's
 * account rule, and only then is a session opened. An unknown email costs the same password work as a known one and
 * is answered exactly like a wrong password, so neither timing nor answer tells which accounts exist.
 */
@Service
public class LoggingIn {

    private final List<LoginPolicy> policies;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLogger audit;
    private final AuthMetrics metrics;

    /** {@code policies} come sorted by their {@code @Order}, the constants of {@link LoginPolicy}. */
    LoggingIn(List<LoginPolicy> policies, UserRepository users, PasswordHasher hasher, Sessions sessions,
              AuditLogger audit, AuthMetrics metrics) {
        this.policies = List.copyOf(policies);
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * A password login: the tokens of a new session, or the challenge of the account's second factor; throws the
     * refusal of the first rule that refuses.
     */
    public LoginResult logIn(LogIn attempt) {
        metrics.attempts.increment();
        policies.forEach(policy -> policy.checkAttempt(attempt));
        User user = withRightPassword(attempt);
        policies.forEach(policy -> policy.checkAccount(user, attempt));
        SignedIn signIn = new SignedIn(user, new SessionOrigin(attempt.deviceName(), attempt.userAgent(),
                attempt.clientAddress()), List.of("pwd"));
        policies.forEach(policy -> policy.checkSignIn(signIn));
        policies.forEach(policy -> policy.succeeded(user, attempt));
        return proceed(signIn);
    }

    /**
     * The rest of a login for a user whose first factor was proved another way than by a password (single sign-on
     * {@code ["fed"]}, a passwordless passkey {@code ["hwk","user","mfa"]}) or who just answered the second factor
     * ({@code ["pwd","otp","mfa"]}): every policy's {@link LoginPolicy#checkSignIn account rule} (a ban), then a
     * challenge if a policy asks for one, else a session whose tokens say whether a second factor must be enrolled.
     */
    public LoginResult signedInBy(User user, SessionOrigin origin, List<String> amr) {
        SignedIn signIn = new SignedIn(user, origin, amr);
        policies.forEach(policy -> policy.checkSignIn(signIn));
        return proceed(signIn);
    }

    private LoginResult proceed(SignedIn signIn) {
        User user = signIn.user();
        for (LoginPolicy policy : policies) {
            Optional<LoginResult> challenge = policy.challenge(signIn);
            if (challenge.isPresent()) {
                audit.record(AuditEvent.of("auth.login", AuditResult.SUCCESS).user(user.id())
                        .resource("user:" + user.id()).reason("first factor " + signIn.amr() + ": second factor asked"));
                return challenge.get();
            }
        }
        TokenResponse tokens = sessions.open(user, signIn.origin(), signIn.amr());
        metrics.success.increment();
        audit.record(AuditEvent.of("auth.login", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id())
                .reason("amr " + signIn.amr()));
        return LoginResult.signedIn(tokens);
    }

    private User withRightPassword(LogIn attempt) {
        Optional<User> account = users.findByEmail(attempt.email());
        boolean valid = account.map(user -> hasher.matches(attempt.password(), user.passwordHash()))
                .orElseGet(() -> {
                    hasher.matchDecoy(attempt.password());
                    return false;
                });
        if (!valid) {
            metrics.failures.increment();
            metrics.loginFailed.increment();
            policies.forEach(policy -> policy.failed(attempt));
            audit.record(AuditEvent.of("auth.login", AuditResult.FAILURE).user(account.map(User::id).orElse(null))
                    .resource("session").reason(account.isPresent() ? "wrong password" : "unknown account"));
            throw new ApiException(AuthErrorCode.AUTH_INVALID_CREDENTIALS, "The email or password is wrong.");
        }
        return account.get();
    }
}
