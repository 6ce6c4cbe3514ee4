package io.secureconnect.auth.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;

import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.token.OpaqueTokens;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;

import org.springframework.stereotype.Service;

/**
 * The front channel of a sign-in: {@link #start} sends the browser to the provider with a fresh state, nonce and PKCE
 * challenge (kept here, bound to the browser's cookie); {@link #callback} takes the provider's answer, checks it
 * belongs to that browser's sign-in, redeems the code and sends the browser to a page of the web client with a
 * one-time ticket, or to the error page with the refusal's code (audited).
 */
@Service
class SsoRedirects {

    record Redirect(URI location, String cookie) {
    }

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private final ProviderDirectory providers;
    private final ProviderConnections connections;
    private final ProviderExchange exchange;
    private final PendingLoginRepository pending;
    private final SsoTickets tickets;
    private final SsoAccounts accounts;
    private final SsoProperties properties;
    private final String publicUrl;
    private final boolean secureCookie;
    private final AuditLogger audit;
    private final Clock clock;

    SsoRedirects(ProviderDirectory providers, ProviderConnections connections, ProviderExchange exchange,
                 PendingLoginRepository pending, SsoTickets tickets, SsoAccounts accounts, SsoProperties properties,
                 AuthProperties authProperties, AuditLogger audit, Clock clock) {
        this.providers = providers;
        this.connections = connections;
        this.exchange = exchange;
        this.pending = pending;
        this.tickets = tickets;
        this.accounts = accounts;
        this.properties = properties;
        this.publicUrl = authProperties.publicUrl().replaceAll("/+$", "");
        this.secureCookie = publicUrl.startsWith("https:");
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The provider's authorization address for a new sign-in, and the cookie that binds it to this browser. With a
     * {@code linkTicket} (from {@link SsoTickets#linkStart}, good only with the {@code browserCookie} set beside it) the
     * sign-in connects the provider to that user instead. Throws {@link SsoFailure} when the provider cannot be reached.
     */
    Redirect start(String providerId, String linkTicket, String browserCookie) {
        OidcProvider provider = providers.get(providerId);
        UUID linkUserId = linkTicket == null ? null : tickets.takeLinkStart(linkTicket, provider.id(),
                browserCookie);
        ProviderConnections.Connection connection = connections.of(provider);
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String cookie = OpaqueTokens.generate();
        pending.insert(OpaqueTokens.hash(cookie), new PendingLogin(provider.id(), state.getValue(), nonce.getValue(),
                verifier.getValue(), linkUserId, clock.instant().plus(properties.loginTtl())));
        URI location = new AuthenticationRequest.Builder(ResponseType.CODE, provider.scopes(), provider.clientId(),
                provider.callbackUri(publicUrl))
                .endpointURI(connection.metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        return new Redirect(location, SsoCookie.set(cookie, properties.loginTtl(), secureCookie));
    }

    /**
     * Where the provider's redirect leads the browser next. A page with a ticket comes with a fresh cookie that the
     * ticket is bound to (only this browser can use it); otherwise the cookie is cleared.
     */
    Redirect callback(String providerId, Map<String, String> parameters, String cookie) {
        String clear = SsoCookie.clear(secureCookie);
        try {
            OidcProvider provider = providers.find(providerId)
                    .orElseThrow(() -> new SsoFailure(SsoErrorCode.SSO_STATE_INVALID, "unknown provider"));
            String binding = OpaqueTokens.generate();
            URI page = signIn(provider, parameters, cookie, OpaqueTokens.hash(binding));
            boolean ticketed = page.getQuery() != null && page.getQuery().contains("ticket=");
            return new Redirect(URI.create(publicUrl + page),
                    ticketed ? ticketCookie(binding) : clear);
        } catch (SsoFailure failure) {
            String resource = providers.find(providerId).map(OidcProvider::id).orElse("unknown"); // never raw input
            audit.record(AuditEvent.of("auth.sso", AuditResult.DENIED).resource("sso:" + resource)
                    .reason(failure.code().name() + ": " + failure.reason()));
            return new Redirect(URI.create(publicUrl + "/sso/error?code=" + failure.code().name()), clear);
        }
    }

    /** The cookie a ticket made now is bound to (see {@link SsoTickets}): lives as long as the ticket. */
    String ticketCookie(String value) {
        return SsoCookie.set(value, properties.ticketTtl(), secureCookie);
    }

    private URI signIn(OidcProvider provider, Map<String, String> parameters, String cookie, byte[] bindingHash) {
        if (cookie == null || cookie.isBlank()) {
            throw new SsoFailure(SsoErrorCode.SSO_STATE_INVALID, "no sign-in cookie");
        }
        Instant now = clock.instant();
        PendingLogin login = pending.take(OpaqueTokens.hash(cookie), now)
                .orElseThrow(() -> new SsoFailure(SsoErrorCode.SSO_STATE_INVALID, "no sign-in in flight for the cookie"));
        String state = parameters.get("state");
        if (state == null || !state.equals(login.state()) || !login.provider().equals(provider.id())) {
            throw new SsoFailure(SsoErrorCode.SSO_STATE_INVALID, "state does not match the browser's sign-in");
        }
        if (parameters.get("error") != null) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_ERROR, "provider answered " + errorCode(parameters));
        }
        String code = parameters.get("code");
        if (code == null || code.isBlank()) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_ERROR, "no code in the callback");
        }
        ProviderExchange.ProvedIdentity identity = exchange.redeem(provider, code, login.codeVerifier(), login.nonce(),
                provider.callbackUri(publicUrl));
        if (login.linkUserId() != null) {
            accounts.linkSignedIn(login.linkUserId(), provider, identity);
            return URI.create("/sso/complete?linked=" + encode(provider.id()));
        }
        return accounts.resolve(provider, identity, bindingHash);
    }

    /**
     * The provider's {@code error} as it may go into the audit trail: an OAuth error code ({@code access_denied}) or
     * "invalid". The parameter comes from whoever made the browser open the callback, so nothing else of it (nor the
     * free-text {@code error_description}) is written.
     */
    static String errorCode(Map<String, String> parameters) {
        String error = parameters.get("error");
        return error != null && ERROR_CODE.matcher(error).matches() ? error : "invalid";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
