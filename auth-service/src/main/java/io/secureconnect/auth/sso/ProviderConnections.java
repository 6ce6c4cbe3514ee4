package io.secureconnect.auth.sso;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import org.springframework.stereotype.Component;

/**
 * What we learn from a provider's discovery document, fetched at the first sign-in rather than at startup (a
 * provider that is down must not stop the service), then kept: its endpoints and an ID token validator on its JWKS
 * (keys cached, fetched again for an unknown key id). A provider that cannot be reached fails the sign-in closed with
 * {@link SsoErrorCode#SSO_PROVIDER_UNAVAILABLE}, and is asked again at the next one.
 */
@Component
class ProviderConnections {

    /** ID tokens signed with anything else (none, HMAC with the client secret) are refused. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA);

    record Connection(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final int timeoutMillis;

    ProviderConnections(SsoProperties properties) {
        this.timeoutMillis = (int) properties.timeout().toMillis();
    }

    Connection of(OidcProvider provider) {
        Connection known = connections.get(provider.id());
        if (known != null) {
            return known;
        }
        Connection fresh = discover(provider);
        connections.putIfAbsent(provider.id(), fresh);
        return connections.get(provider.id());
    }

    int timeoutMillis() {
        return timeoutMillis;
    }

    private Connection discover(OidcProvider provider) {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(provider.issuer(), timeoutMillis, timeoutMillis);
        } catch (IOException e) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_UNAVAILABLE, "discovery failed: " + e.getClass().getSimpleName());
        } catch (GeneralException e) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_UNAVAILABLE, "discovery document refused: " + e.getMessage());
        }
        URI jwks = metadata.getJWKSetURI();
        if (jwks == null) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_UNAVAILABLE, "discovery names no jwks_uri");
        }
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder
                    .create(jwks.toURL(), new DefaultResourceRetriever(timeoutMillis, timeoutMillis))
                    .retrying(false).build();
            IDTokenValidator validator = new IDTokenValidator(provider.issuer(), provider.clientId(),
                    new JWSVerificationKeySelector<>(ALGORITHMS, keys), null);
            return new Connection(metadata, validator);
        } catch (java.net.MalformedURLException e) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_UNAVAILABLE, "jwks_uri is not a URL");
        }
    }
}
