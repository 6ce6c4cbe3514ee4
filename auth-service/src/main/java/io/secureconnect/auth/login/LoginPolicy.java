package io.secureconnect.auth.login;

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
 *   <li>{@link #failed} and {@link #succeeded} hear the outcome (the lockout counts it).</li>
 * </ul>
 */
public interface LoginPolicy {

    /** Too many failures for the email or the address: the gate every attempt passes first. */
    int LOCKOUT = 100;
    /** A banned account is refused once its password proved right. */
    int BAN = 200;
    /**
     * The slot for a second factor (TOTP, recovery codes) when it lands: last, so a challenge is only issued to a
     * login every other rule let through.
     */
    int SECOND_FACTOR = 900;

    /** Before the password is checked; throws the refusal. */
    default void checkAttempt(LogIn attempt) {
    }

    /** After the password proved right; throws the refusal. */
    default void checkAccount(User user, LogIn attempt) {
    }

    /** The password was wrong, or no account has the email. */
    default void failed(LogIn attempt) {
    }

    /** Every rule passed: a session is about to be opened for {@code user}. */
    default void succeeded(User user, LogIn attempt) {
    }
}
