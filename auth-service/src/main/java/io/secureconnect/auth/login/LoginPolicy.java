package io.secureconnect.auth.login;

import java.util.Optional;

import io.secureconnect.auth.user.User;

/**
 * One rule of logging in. Every policy is a component; they run in the order of the constants below, which are the
 * one list of login rules: adding a rule is one more constant and one more component. A policy overrides only the
 * steps it has a say in.
 * <ul>
 *   <li>{@link #checkAttempt} runs before any password work and sees only what was typed, so a refusal there tells
 *       nothing about the account (the lockout gate);</li>
 *   <li>{@link #checkAccount} runs once the password proved right, so a refusal there tells its reason to the
 *       account's owner only, and guesses at a refused account are throttled like any other (S21);</li>
 *   <li>{@link #checkSignIn} runs for every sign-in once its first factor proved right, whatever it was (a password,
 *       single sign-on, a passwordless passkey: {@link SignedIn#amr()} says which), so a rule about the account (a ban)
 *       is written once for every way in;</li>
 *   <li>{@link #failed} and {@link #succeeded} hear the outcome of a password (the lockout counts it);</li>
 *   <li>{@link #challenge} may answer a sign-in every rule let through with a challenge instead of a session (the
 *       second factor).</li>
 * </ul>
 */
public interface LoginPolicy {

    /** Too many failures for the email or the address: the gate every attempt passes first. */
    int LOCKOUT = 100;
    /** A banned account is refused once its password proved right. */
    int BAN = 200;
    /**
     * The second factor (TOTP, recovery codes, passkeys): last, so a challenge is only issued to a login every other
     * rule let through.
     */
    int SECOND_FACTOR = 900;

    /** Before the password is checked; throws the refusal. */
    default void checkAttempt(LogIn attempt) {
    }

    /** After the password proved right; throws the refusal. */
    default void checkAccount(User user, LogIn attempt) {
    }

    /** After any first factor proved right (password, SSO, passkey), before a session; throws the refusal. */
    default void checkSignIn(SignedIn signIn) {
    }

    /**
     * A challenge to answer before a session is opened (a second factor), or empty to let the session open. The
     * first policy that answers one answers the login: no token is issued.
     */
    default Optional<LoginResult> challenge(SignedIn signIn) {
        return Optional.empty();
    }

    /** The password was wrong, or no account has the email. */
    default void failed(LogIn attempt) {
    }

    /** Every rule passed: a session is about to be opened for {@code user}. */
    default void succeeded(User user, LogIn attempt) {
    }
}
