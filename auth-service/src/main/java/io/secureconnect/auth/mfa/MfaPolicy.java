package io.secureconnect.auth.mfa;

import java.util.List;

import io.secureconnect.auth.session.EnrolmentRequirement;
import io.secureconnect.auth.user.Administrators;
import io.secureconnect.auth.user.User;

import org.springframework.stereotype.Component;

/**
 * {@code SC_MFA_REQUIRED}: whose accounts must have a second factor. One that must and has none still signs in, but
 * its tokens are limited to enrolling one ({@code mfa_enrolment}).
 */
@Component
public class MfaPolicy implements EnrolmentRequirement {

    private final MfaProperties properties;
    private final SecondFactors factors;

    MfaPolicy(MfaProperties properties, SecondFactors factors) {
        this.properties = properties;
        this.factors = factors;
    }

    /** Whether policy requires a second factor of this account. */
    public boolean requiredFor(User user) {
        return switch (properties.required()) {
            case NONE -> false;
            case ADMINS -> user.roles().contains(Administrators.ROLE);
            case EVERYONE -> true;
        };
    }

    /** Whether administrators need {@code mfa} in their token's amr to use the admin API. */
    public boolean adminsNeedMfa() {
        return properties.required() != MfaProperties.Requirement.NONE;
    }

    /** Under policy admins or everyone, a session without a second factor does not carry the admin role. */
    @Override
    public List<String> rolesOf(User user, List<String> amr) {
        if (!adminsNeedMfa() || amr.contains("mfa")) {
            return user.roles();
        }
        return user.roles().stream().filter(role -> !Administrators.ROLE.equals(role)).toList();
    }

    @Override
    public boolean enrolmentRequired(User user) {
        return requiredFor(user) && !factors.anyFor(user.id());
    }
}
