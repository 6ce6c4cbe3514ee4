package io.secureconnect.auth.session;

import java.util.List;

import io.secureconnect.auth.user.User;

/**
 * Whether policy requires a second factor of this user that they do not have yet: their access tokens then carry
 * {@code "mfa_enrolment": true}, which limits them to enrolling one. Asked at every issue (login and refresh), so
 * the first refresh after enrolling gives an unrestricted token. Without a bean, no token is restricted.
 */
public interface EnrolmentRequirement {

    boolean enrolmentRequired(User user);

    /**
     * The roles a token of a session authenticated by {@code amr} carries: all of the user's, unless policy holds a
     * role back from a session without a second factor (the admin role), so every service's role check, not only
     * auth's admin API, asks for the second factor.
     */
    default List<String> rolesOf(User user, List<String> amr) {
        return user.roles();
    }
}
