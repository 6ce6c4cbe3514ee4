package io.secureconnect.auth.session;

import io.secureconnect.auth.user.User;

/**
 * A rule a login must pass once the lockout gate let it through and the password proved right, such as "the account
 * is not banned". Running after the password means a refusal tells the account's owner why and tells someone
 * guessing emails nothing; running after the gate means guesses at a refused account are throttled like any other.
 * Adding a rule is adding a component.
 */
public interface LoginRule {

    /** Returns when the user may log in; throws the refusal otherwise. */
    void check(User user);
}
