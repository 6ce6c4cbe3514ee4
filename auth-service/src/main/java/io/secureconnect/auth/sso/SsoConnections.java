package io.secureconnect.auth.sso;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.user.ExternalIdentities;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own view of their connected providers: which are linked, connecting another (through a one-time start
 * address) and disconnecting one, which an account without a password may not do with its last provider; disconnecting
 * ends the sessions that signing in there opened.
 */
@Service
class SsoConnections implements ExternalIdentities {

    @Schema(name = "SsoConnection")
    record Connected(@Schema(example = "acme") String provider,
                     @Schema(description = "The provider's display name", example = "Acme Workspace") String name,
                     @Schema(description = "The email the provider gave", example = "ann@example.com") String email,
                     @Schema(example = "2026-10-14T08:30:00Z") Instant linkedAt) {
    }

    private final LinkedIdentityRepository identities;
    private final SsoSessionRepository ssoSessions;
    private final ProviderDirectory providers;
    private final SsoTickets tickets;
    private final UserRepository users;
    private final ObjectProvider<Sessions> sessions;
    private final AuditLogger audit;

    SsoConnections(LinkedIdentityRepository identities, SsoSessionRepository ssoSessions, ProviderDirectory providers,
                   SsoTickets tickets, UserRepository users, ObjectProvider<Sessions> sessions, AuditLogger audit) {
        this.sessions = sessions;
        this.identities = identities;
        this.ssoSessions = ssoSessions;
        this.providers = providers;
        this.tickets = tickets;
        this.users = users;
        this.audit = audit;
    }

    List<Connected> of(UUID userId) {
        return identities.findByUser(userId).stream()
                .map(identity -> new Connected(identity.provider(), providers.find(identity.provider())
                        .map(OidcProvider::name).orElse(identity.provider()), identity.email(), identity.linkedAt()))
                .toList();
    }

    @Override
    public List<String> providersOf(UUID userId) {
        return identities.findByUser(userId).stream().map(LinkedIdentity::provider).toList();
    }

    /**
     * Only an account whose own email is verified collects identities: an account someone registered with another
     * person's address must not gather that person's provider identities.
     */
    String linkStart(UUID userId, String providerId, byte[] bindingHash) {
        OidcProvider provider = providers.get(providerId);
        User user = users.findById(userId).orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND,
                "No such account."));
        if (!user.emailVerified()) {
            audit.denied("auth.sso.link", "sso:" + provider.id(), "the account's email is not verified");
            throw new ApiException(SsoErrorCode.SSO_EMAIL_UNVERIFIED,
                    "Verify your email address first, then connect a provider.");
        }
        return tickets.linkStart(userId, provider, bindingHash);
    }

    @Transactional
    void disconnect(UUID userId, String provider) {
        List<LinkedIdentity> linked = identities.findByUser(userId);
        if (linked.stream().noneMatch(identity -> identity.provider().equals(provider))) {
            throw new ApiException(CommonErrorCode.NOT_FOUND, "No such connected provider.");
        }
        User user = users.findById(userId).orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND,
                "No such account."));
        if (!user.hasPassword() && linked.size() == 1) {
            audit.denied("auth.sso.unlink", "sso:" + provider, "last way to sign in");
            throw new ApiException(SsoErrorCode.SSO_LAST_SIGN_IN_METHOD,
                    "This account has no password; set one before disconnecting its last provider.");
        }
        identities.unlink(userId, provider);
        // a provider no longer connected must not keep the sessions it opened alive (nor refresh them)
        ssoSessions.sessionsOf(userId, provider).forEach(sessionId -> sessions.getObject().end(sessionId, userId,
                "single sign-on: provider " + provider + " disconnected"));
        ssoSessions.deleteAll(userId, provider);
        audit.success("auth.sso.unlink", "sso:" + provider);
    }
}
