package io.secureconnect.auth.sso;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.secureconnect.auth.user.Emails;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.id.Ids;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which account a proved provider identity signs in to. An identity linked before signs in to its account. An email
 * no account has makes a new account (just in time: the verified email, the name from the ID token, no password).
 * An email an account already has is never linked silently: the user confirms with that account's password
 * ({@code /sso/link}). Only an email the provider marks verified makes or links an account.
 */
@Service
class SsoAccounts {

    private static final int MAX_NAME = 64;

    private final LinkedIdentityRepository identities;
    private final UserRepository users;
    private final SsoTickets tickets;
    private final AuditLogger audit;
    private final Clock clock;

    SsoAccounts(LinkedIdentityRepository identities, UserRepository users, SsoTickets tickets, AuditLogger audit,
                Clock clock) {
        this.identities = identities;
        this.users = users;
        this.tickets = tickets;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The web client's page that continues the sign-in: {@code /sso/complete} or {@code /sso/link}, with a ticket for
     * the browser whose {@code sc_sso} cookie hashes to {@code bindingHash}.
     */
    @Transactional
    URI resolve(OidcProvider provider, ProviderExchange.ProvedIdentity identity, byte[] bindingHash) {
        Optional<LinkedIdentity> linked = identities.findBySubject(provider.id(), identity.subject());
        if (linked.isPresent()) {
            return complete(tickets.issue(Ticket.Kind.SIGN_IN, linked.get().userId(), provider, identity,
                    bindingHash));
        }
        if (identity.email() == null || !identity.emailVerified()) {
            throw new SsoFailure(SsoErrorCode.SSO_EMAIL_UNVERIFIED, "the provider does not vouch for the email");
        }
        String email = Emails.normalize(identity.email());
        Optional<User> existing = users.findByEmail(email);
        if (existing.isPresent()) {
            String ticket = tickets.issue(Ticket.Kind.LINK, existing.get().id(), provider, identity, bindingHash);
            return URI.create("/sso/link?ticket=" + ticket + "&provider=" + provider.id());
        }
        User user = new User(Ids.newId(), email, displayName(identity, email), User.NO_PASSWORD, true, List.of("user"),
                clock.instant(), null, true);
        if (!users.insert(user)) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_ERROR, "the email was registered meanwhile");
        }
        link(user.id(), provider, identity);
        audit.record(AuditEvent.of("auth.register", AuditResult.SUCCESS).user(user.id()).resource("user:" + user.id())
                .reason("single sign-on with " + provider.id()));
        return complete(tickets.issue(Ticket.Kind.SIGN_IN, user.id(), provider, identity, bindingHash));
    }

    /** A signed-in user connects the provider identity to their account. */
    void linkSignedIn(java.util.UUID userId, OidcProvider provider, ProviderExchange.ProvedIdentity identity) {
        link(userId, provider, identity);
    }

    void link(java.util.UUID userId, OidcProvider provider, ProviderExchange.ProvedIdentity identity) {
        if (!identities.link(new LinkedIdentity(userId, provider.id(), identity.subject(), identity.email(),
                clock.instant()))) {
            throw new SsoFailure(SsoErrorCode.SSO_IDENTITY_TAKEN, "the provider identity belongs to another account");
        }
        audit.record(AuditEvent.of("auth.sso.link", AuditResult.SUCCESS).user(userId).resource("sso:" + provider.id()));
    }

    private static URI complete(String ticket) {
        return URI.create("/sso/complete?ticket=" + ticket);
    }

    private static String displayName(ProviderExchange.ProvedIdentity identity, String email) {
        String name = identity.name() == null || identity.name().isBlank()
                ? email.substring(0, email.indexOf('@')) : identity.name().strip();
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
