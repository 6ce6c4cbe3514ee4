package io.secureconnect.auth.sso;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of single sign-on. Providers usually come from {@code SC_OIDC_<NAME>_*} environment variables
 * ({@link ProviderDirectory}); {@code providers} adds any given as properties (tests, a config file).
 *
 * @param providers       provider id (lower case) → its settings
 * @param requiredDomains {@code domain=provider,…}: those email domains sign in through that provider only
 * @param loginTtl        how long a started sign-in may take at the provider
 * @param ticketTtl       how long a ticket of the callback (/sso/complete, /sso/link) works
 * @param timeout         connect and read timeout of every call to a provider
 */
@ConfigurationProperties("secureconnect.sso")
record SsoProperties(Map<String, ProviderSettings> providers, String requiredDomains,
                     @DefaultValue("10m") Duration loginTtl, @DefaultValue("2m") Duration ticketTtl,
                     @DefaultValue("5s") Duration timeout) {

    SsoProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /** One provider: {@code scopes} default to {@code openid email profile}, the name to the id. */
    record ProviderSettings(String issuer, String clientId, String clientSecret, String scopes, String displayName) {
    }
}
