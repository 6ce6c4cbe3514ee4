package io.secureconnect.auth.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;

import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.login.LoggingIn;
import io.secureconnect.auth.login.LoginResult;
import io.secureconnect.auth.login.PasswordConfirmation;
import io.secureconnect.auth.mfa.SecondFactors;
import io.secureconnect.auth.mfa.SecretEncryption;
import io.secureconnect.auth.session.SessionOrigin;
import io.secureconnect.auth.token.OpaqueTokens;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * One-time tickets between the callback and the web client, and the one-time start addresses of a signed-in link.
 * Using a sign-in ticket runs the rest of a login ({@link LoggingIn#signedInBy}: a ban refuses, a second factor is
 * asked) and binds the new session to the provider's refresh token, sealed with {@link SecretEncryption}. A link
 * ticket needs the account's password first (under the login lockout), and only then links the identity; an account
 * with a second factor is not linked there at all (its owner signs in fully, then connects the provider in Settings).
 */
@Service
class SsoTickets {

    private final TicketRepository tickets;
    private final LinkedIdentityRepository identities;
    private final SsoSessionRepository ssoSessions;
    private final UserRepository users;
    private final LoggingIn loggingIn;
    private final PasswordConfirmation passwords;
    private final SecretEncryption encryption;
    private final SecondFactors secondFactors;
    private final SsoProperties properties;
    private final String publicUrl;
    private final AuditLogger audit;
    private final Clock clock;

    SsoTickets(TicketRepository tickets, LinkedIdentityRepository identities, SsoSessionRepository ssoSessions,
               UserRepository users, LoggingIn loggingIn, PasswordConfirmation passwords, SecretEncryption encryption,
               SecondFactors secondFactors, SsoProperties properties, AuthProperties authProperties, AuditLogger audit, Clock clock) {
        this.tickets = tickets;
        this.identities = identities;
        this.ssoSessions = ssoSessions;
        this.users = users;
        this.loggingIn = loggingIn;
        this.passwords = passwords;
        this.encryption = encryption;
        this.secondFactors = secondFactors;
        this.properties = properties;
        this.publicUrl = authProperties.publicUrl().replaceAll("/+$", "");
        this.audit = audit;
        this.clock = clock;
    }

    /** A ticket for the browser whose {@code sc_sso} cookie hashes to {@code bindingHash}. */
    String issue(Ticket.Kind kind, UUID userId, OidcProvider provider, ProviderExchange.ProvedIdentity identity,
                 byte[] bindingHash) {
        String ticket = OpaqueTokens.generate();
        byte[] refresh = identity.refreshToken() == null ? null
                : encryption.encrypt(identity.refreshToken().getBytes(StandardCharsets.UTF_8), ticketContext(userId));
        List<String> amr = identity.amr().contains("mfa") ? List.of("fed", "mfa") : List.of("fed");
        tickets.insert(OpaqueTokens.hash(ticket), new Ticket(kind, userId, provider.id(), identity.subject(),
                identity.email(), amr, refresh, bindingHash, clock.instant().plus(properties.ticketTtl())));
        return ticket;
    }

    /**
     * A one-time address that starts a sign-in at the provider which, at its callback, links it to {@code userId};
     * only the browser whose {@code sc_sso} cookie hashes to {@code bindingHash} may open it (an address sent to
     * someone else must not link their identity at the provider to this account).
     */
    String linkStart(UUID userId, OidcProvider provider, byte[] bindingHash) {
        String ticket = OpaqueTokens.generate();
        tickets.insert(OpaqueTokens.hash(ticket), new Ticket(Ticket.Kind.LINK_START, userId, provider.id(), null, null,
                List.of("fed"), null, bindingHash, clock.instant().plus(properties.ticketTtl())));
        return publicUrl + "/api/v1/auth/sso/" + provider.id() + "/start?link=" + ticket;
    }

    UUID takeLinkStart(String ticket, String provider, String cookie) {
        byte[] hash = OpaqueTokens.hash(ticket);
        Ticket found = tickets.find(hash, Ticket.Kind.LINK_START, clock.instant())
                .filter(t -> t.provider().equals(provider)).orElse(null);
        if (found == null) {
            throw refused("link start unknown, used or expired");
        }
        requireBrowser(found, cookie);
        if (!tickets.take(hash)) {
            throw refused("link start used meanwhile");
        }
        return found.userId();
    }

    LoginResult complete(String ticket, String cookie, SessionOrigin origin) {
        byte[] hash = OpaqueTokens.hash(ticket);
        Ticket found = tickets.find(hash, Ticket.Kind.SIGN_IN, clock.instant()).orElse(null);
        if (found == null) {
            throw refused("sign-in ticket unknown, used or expired");
        }
        requireBrowser(found, cookie);
        if (!tickets.take(hash)) {
            throw refused("sign-in ticket used meanwhile");
        }
        User user = users.findById(found.userId()).orElseThrow(() -> refused("account gone"));
        return bind(loggingIn.signedInBy(user, origin, found.amr()), found);
    }

    LoginResult link(String ticket, String password, String cookie, SessionOrigin origin) {
        byte[] hash = OpaqueTokens.hash(ticket);
        Ticket found = tickets.find(hash, Ticket.Kind.LINK, clock.instant()).orElse(null);
        if (found == null) {
            throw refused("link ticket unknown, used or expired");
        }
        requireBrowser(found, cookie);
        User user = users.findById(found.userId()).orElseThrow(() -> refused("account gone"));
        if (secondFactors.anyFor(user.id())) {
            // the password alone would open a session the account's second factor never saw
            audit.denied("auth.sso", "sso:" + found.provider(), "SSO_SIGN_IN_FIRST: the account has a second factor");
            throw new ApiException(SsoErrorCode.SSO_SIGN_IN_FIRST,
                    "This account has two-step sign-in: sign in, then connect the provider in Settings.");
        }
        passwords.confirm(user, password, "auth.sso.link", origin.ip());
        if (!tickets.take(hash)) {
            throw refused("link ticket used meanwhile");
        }
        if (!identities.link(new LinkedIdentity(user.id(), found.provider(), found.subject(), found.email(),
                clock.instant()))) {
            audit.denied("auth.sso.link", "sso:" + found.provider(), "identity linked to another account");
            throw new ApiException(SsoErrorCode.SSO_IDENTITY_TAKEN,
                    "This account at the provider is already connected to another account.");
        }
        audit.record(AuditEvent.of("auth.sso.link", AuditResult.SUCCESS).user(user.id())
                .resource("sso:" + found.provider()).reason("confirmed with the password"));
        return bind(loggingIn.signedInBy(user, origin, found.amr()), found);
    }

    /** Remembers the provider's refresh token for the session just opened, so its refreshes ask the provider first. */
    private LoginResult bind(LoginResult result, Ticket ticket) {
        if (result.isSignedIn() && ticket.refreshCiphertext() != null) {
            UUID sessionId = sessionOf(result.accessToken());
            byte[] refresh = encryption.decrypt(ticket.refreshCiphertext(), ticketContext(ticket.userId()));
            ssoSessions.save(new SsoSessionRepository.SsoSession(sessionId, ticket.userId(), ticket.provider(),
                    encryption.encrypt(refresh, IdpRefreshGuard.sessionContext(sessionId))));
        }
        return result;
    }

    /** The session of an access token we just issued ourselves (its {@code sid}). */
    private static UUID sessionOf(String accessToken) {
        try {
            return UUID.fromString(SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid"));
        } catch (ParseException e) {
            throw new IllegalStateException("an access token we issued does not parse", e);
        }
    }

    /**
     * A ticket travels in an address, which anyone can send to anyone: only the browser it was made for (the one
     * holding its {@code sc_sso} cookie) may use it, else a victim would be signed in to the sender's account.
     */
    private void requireBrowser(Ticket ticket, String cookie) {
        if (ticket.bindingHash() == null || cookie == null || cookie.isBlank()
                || !MessageDigest.isEqual(ticket.bindingHash(), OpaqueTokens.hash(cookie))) {
            throw refused(ticket.kind() + " ticket presented without the cookie of its browser");
        }
    }

    private static String ticketContext(UUID userId) {
        return "sso-ticket:" + userId;
    }

    private ApiException refused(String reason) {
        audit.denied("auth.sso", "sso", reason);
        return new ApiException(SsoErrorCode.SSO_TICKET_INVALID, "This sign-in link is no longer valid; start again.");
    }
}
