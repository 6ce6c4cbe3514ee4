package io.secureconnect.auth.sso;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.secureconnect.auth.login.LogIn;
import io.secureconnect.auth.login.LoginPolicy;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.web.ApiException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code SC_SSO_REQUIRED_DOMAINS}: emails of those domains sign in through their provider only. As a
 * {@link LoginPolicy} gate it refuses a password login before any password work (so the answer says nothing about
 * the account, only about the domain); {@link #refuseIfRequired} is the same rule for registration.
 */
@Component
@Order(LoginPolicy.LOCKOUT + 50)
public class SsoRequiredDomains implements LoginPolicy {

    private final Map<String, String> providerByDomain;
    private final AuditLogger audit;

    SsoRequiredDomains(SsoProperties properties, ProviderDirectory providers, AuditLogger audit) {
        this.audit = audit;
        this.providerByDomain = parse(properties.requiredDomains(), providers);
    }

    @Override
    public void checkAttempt(LogIn attempt) {
        if (attempt.confirmation()) {
            return; // a signed-in user confirming a change (or linking their provider) opens no password session
        }
        refuseIfRequired(attempt.email(), "auth.login");
    }

    /** Refuses (403 {@code AUTH_SSO_REQUIRED} with {@code provider}) a password for an email whose domain must use SSO. */
    public void refuseIfRequired(String email, String action) {
        providerFor(email).ifPresent(provider -> {
            audit.denied(action, "session", "domain must sign in with " + provider);
            throw new ApiException(SsoErrorCode.AUTH_SSO_REQUIRED,
                    "This organisation signs in with single sign-on.", Map.of("provider", provider));
        });
    }

    Optional<String> providerFor(String email) {
        if (email == null || email.indexOf('@') < 0) {
            return Optional.empty();
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(providerByDomain.get(domain));
    }

    private static Map<String, String> parse(String setting, ProviderDirectory providers) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return parsed;
        }
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            String provider = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "";
            if (providers.find(provider).isEmpty()) {
                throw new IllegalStateException("SC_SSO_REQUIRED_DOMAINS: '" + entry.strip()
                        + "' must be domain=provider with a configured provider");
            }
            parsed.put(parts[0].strip().toLowerCase(Locale.ROOT), provider);
        }
        return Map.copyOf(parsed);
    }
}
