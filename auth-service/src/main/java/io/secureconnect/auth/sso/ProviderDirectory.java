package io.secureconnect.auth.sso;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;

import io.secureconnect.common.web.ApiException;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Component;

/**
 * The configured providers: every {@code SC_OIDC_<NAME>_ISSUER} in the environment (with its {@code _CLIENT_ID},
 * {@code _CLIENT_SECRET}, {@code _SCOPES}, {@code _DISPLAY_NAME}) and every {@code secureconnect.sso.providers.*}.
 * A provider missing its issuer, client id or secret stops the service at startup: a half-configured provider would
 * only fail later, in front of a user.
 */
@Component
class ProviderDirectory {

    private static final Pattern ISSUER_VARIABLE = Pattern.compile("SC_OIDC_([A-Z0-9]+)_ISSUER");
    private static final String DEFAULT_SCOPES = "openid email profile";

    private final Map<String, OidcProvider> providers;

    ProviderDirectory(SsoProperties properties, ConfigurableEnvironment environment) {
        Map<String, SsoProperties.ProviderSettings> settings = new LinkedHashMap<>(fromEnvironment(environment));
        settings.putAll(properties.providers());
        Map<String, OidcProvider> built = new LinkedHashMap<>();
        settings.forEach((name, provider) -> {
            String id = name.toLowerCase(Locale.ROOT);
            built.put(id, build(id, provider));
        });
        this.providers = Map.copyOf(built);
    }

    List<OidcProvider> all() {
        return providers.values().stream().sorted(Comparator.comparing(OidcProvider::id)).toList();
    }

    Optional<OidcProvider> find(String id) {
        return Optional.ofNullable(id == null ? null : providers.get(id));
    }

    OidcProvider get(String id) {
        return find(id).orElseThrow(() -> new ApiException(SsoErrorCode.SSO_UNKNOWN_PROVIDER,
                "No sign-in provider is called that."));
    }

    private static Map<String, SsoProperties.ProviderSettings> fromEnvironment(ConfigurableEnvironment environment) {
        Map<String, SsoProperties.ProviderSettings> found = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        environment.getPropertySources().forEach(source -> {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                names.addAll(List.of(enumerable.getPropertyNames()));
            }
        });
        for (String variable : names) {
            Matcher matcher = ISSUER_VARIABLE.matcher(variable);
            if (matcher.matches() && !found.containsKey(matcher.group(1))) {
                String prefix = "SC_OIDC_" + matcher.group(1) + "_";
                found.put(matcher.group(1), new SsoProperties.ProviderSettings(environment.getProperty(variable),
                        environment.getProperty(prefix + "CLIENT_ID"), environment.getProperty(prefix + "CLIENT_SECRET"),
                        environment.getProperty(prefix + "SCOPES"), environment.getProperty(prefix + "DISPLAY_NAME")));
            }
        }
        return found;
    }

    private static OidcProvider build(String id, SsoProperties.ProviderSettings settings) {
        if (blank(settings.issuer()) || blank(settings.clientId()) || blank(settings.clientSecret())) {
            throw new IllegalStateException("Single sign-on provider '" + id
                    + "' needs an issuer, a client id and a client secret (SC_OIDC_" + id.toUpperCase(Locale.ROOT)
                    + "_ISSUER, _CLIENT_ID, _CLIENT_SECRET)");
        }
        String scopes = blank(settings.scopes()) ? DEFAULT_SCOPES : settings.scopes().replace(',', ' ');
        Scope scope = Scope.parse(scopes);
        if (!scope.contains("openid")) {
            scope.add("openid");
        }
        return new OidcProvider(id, blank(settings.displayName()) ? id : settings.displayName(),
                new Issuer(settings.issuer().strip()), new ClientID(settings.clientId()),
                new Secret(settings.clientSecret()), scope);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
