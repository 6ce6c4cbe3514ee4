package io.secureconnect.auth.sso;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.secureconnect.auth.mfa.SecretEncryption;
import io.secureconnect.auth.session.RefreshGuard;
import io.secureconnect.auth.session.Session;
import io.secureconnect.auth.session.Sessions;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.web.ApiException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A session opened by single sign-on lives only as long as the provider keeps it: each refresh of ours refreshes at
 * the provider first. When the provider refuses for good ({@code invalid_grant}: the person was disabled, logged out
 * there, their grant revoked) the session ends (401 {@code AUTH_SSO_SESSION_ENDED}); when it cannot be reached the
 * refresh fails with 503 and the session stays, to be refreshed once the provider is back.
 */
@Component
class IdpRefreshGuard implements RefreshGuard {

    private final SsoSessionRepository ssoSessions;
    private final ProviderDirectory providers;
    private final ProviderExchange exchange;
    private final SecretEncryption encryption;
    /** Lazily: {@link Sessions} hears every refresh guard, this one included. */
    private final ObjectProvider<Sessions> sessions;
    private final AuditLogger audit;

    IdpRefreshGuard(SsoSessionRepository ssoSessions, ProviderDirectory providers, ProviderExchange exchange,
                    SecretEncryption encryption, ObjectProvider<Sessions> sessions, AuditLogger audit) {
        this.ssoSessions = ssoSessions;
        this.providers = providers;
        this.exchange = exchange;
        this.encryption = encryption;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public void beforeRefresh(Session session) {
        SsoSessionRepository.SsoSession sso = ssoSessions.find(session.id()).orElse(null);
        if (sso == null) {
            return;
        }
        OidcProvider provider = providers.find(sso.provider()).orElse(null);
        if (provider == null) {
            end(session, "provider " + sso.provider() + " is no longer configured");
        }
        String refreshToken = new String(encryption.decrypt(sso.refreshCiphertext(), sessionContext(session.id())),
                StandardCharsets.UTF_8);
        ProviderExchange.Refreshed refreshed;
        try {
            refreshed = exchange.refresh(provider, refreshToken);
        } catch (SsoFailure failure) {
            audit.failure("auth.refresh", "session:" + session.id(), failure.reason());
            throw new ApiException(SsoErrorCode.SSO_PROVIDER_UNAVAILABLE,
                    "The sign-in provider cannot be reached; try again shortly.");
        }
        if (refreshed.refused()) {
            end(session, "the provider refused to refresh (invalid_grant)");
        }
        if (!refreshed.refreshToken().equals(refreshToken)) {
            ssoSessions.save(new SsoSessionRepository.SsoSession(session.id(), session.userId(), sso.provider(),
                    encryption.encrypt(refreshed.refreshToken().getBytes(StandardCharsets.UTF_8),
                            sessionContext(session.id()))));
        }
    }

    private void end(Session session, String reason) {
        sessions.getObject().end(session.id(), session.userId(), "single sign-on: " + reason);
        ssoSessions.delete(session.id());
        audit.denied("auth.refresh", "session:" + session.id(), reason);
        throw new ApiException(SsoErrorCode.AUTH_SSO_SESSION_ENDED,
                "Your sign-in at the provider has ended; sign in again.");
    }

    static String sessionContext(UUID sessionId) {
        return "sso-session:" + sessionId;
    }
}
