package io.secureconnect.auth.session;

import io.secureconnect.auth.user.User;

/**
 * Whether policy requires a second factor of this user that they do not have yet: their access tokens then carry
 * {@code "mfa_enrolment": true}, which limits them to enrolling one. Asked at every issue (login and refresh), so
 * the first refresh after enrolling gives an unrestricted token. Without a bean, no token is restricted.
 */
public interface EnrolmentRequirement {

    boolean enrolmentRequired(User user);
}
