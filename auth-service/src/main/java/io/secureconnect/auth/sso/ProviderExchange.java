package io.secureconnect.auth.sso;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;

import org.springframework.stereotype.Component;

/**
 * The back channel to a provider: the authorization code (with the PKCE verifier and our client secret) for tokens,
 * the ID token checked against the provider's JWKS, issuer, our client id, expiry and this sign-in's nonce; and the
 * refresh of a session's provider token. Every refusal is an {@link SsoFailure} naming why.
 */
@Component
class ProviderExchange {

    /** What the provider vouched for in a verified ID token, and its refresh token (if it gave one). */
    record ProvedIdentity(String subject, String email, boolean emailVerified, String name, List<String> amr,
                          String refreshToken) {

        @Override
        public String toString() {
            return "ProvedIdentity[" + subject + "]"; // never the refresh token
        }
    }

    /** The outcome of refreshing at the provider: a new refresh token (or the same), or refused for good. */
    record Refreshed(boolean refused, String refreshToken) {
    }

    private final ProviderConnections connections;

    ProviderExchange(ProviderConnections connections) {
        this.connections = connections;
    }

    ProvedIdentity redeem(OidcProvider provider, String code, String codeVerifier, String nonce, URI callback) {
        ProviderConnections.Connection connection = connections.of(provider);
        TokenResponse response = send(provider, connection, new AuthorizationCodeGrant(new AuthorizationCode(code),
                callback, new CodeVerifier(codeVerifier)));
        if (!response.indicatesSuccess()) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_ERROR,
                    "token request refused: " + response.toErrorResponse().getErrorObject().getCode());
        }
        if (!(response.toSuccessResponse() instanceof OIDCTokenResponse oidc)
                || oidc.getOIDCTokens().getIDToken() == null) {
            throw new SsoFailure(SsoErrorCode.SSO_TOKEN_INVALID, "no ID token in the token response");
        }
        IDTokenClaimsSet claims = validate(connection, oidc.getOIDCTokens().getIDToken(), nonce);
        Tokens tokens = oidc.getTokens();
        return new ProvedIdentity(claims.getSubject().getValue(), claims.getStringClaim("email"),
                verified(claims.getClaim("email_verified")), claims.getStringClaim("name"),
                Optional.ofNullable(claims.getStringListClaim("amr")).orElse(List.of()),
                tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue());
    }

    Refreshed refresh(OidcProvider provider, String refreshToken) {
        ProviderConnections.Connection connection = connections.of(provider);
        TokenResponse response = send(provider, connection, new RefreshTokenGrant(new RefreshToken(refreshToken)));
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            if (OAuth2Error.INVALID_GRANT.getCode().equals(error.getCode())) {
                return new Refreshed(true, null);
            }
            // anything else (the provider's own trouble, a 5xx) is not the provider ending the session
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_UNAVAILABLE, "refresh refused: " + error.getCode()
                    + " (" + error.getHTTPStatusCode() + ")");
        }
        RefreshToken next = response.toSuccessResponse().getTokens().getRefreshToken();
        return new Refreshed(false, next == null ? refreshToken : next.getValue());
    }

    private TokenResponse send(OidcProvider provider, ProviderConnections.Connection connection,
                               AuthorizationGrant grant) {
        HTTPRequest request = new TokenRequest(connection.metadata().getTokenEndpointURI(),
                provider.clientAuthentication(), grant).toHTTPRequest();
        request.setConnectTimeout(connections.timeoutMillis());
        request.setReadTimeout(connections.timeoutMillis());
        try {
            return OIDCTokenResponseParser.parse(request.send());
        } catch (IOException e) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_UNAVAILABLE, "token endpoint unreachable: "
                    + e.getClass().getSimpleName());
        } catch (ParseException e) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_ERROR, "token response malformed: " + e.getMessage());
        }
    }

    private static IDTokenClaimsSet validate(ProviderConnections.Connection connection, JWT idToken, String nonce) {
        try {
            return connection.validator().validate(idToken, new Nonce(nonce));
        } catch (KeySourceException e) {
            throw new SsoFailure(SsoErrorCode.SSO_PROVIDER_UNAVAILABLE, "JWKS unreachable: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            throw new SsoFailure(SsoErrorCode.SSO_TOKEN_INVALID, "ID token refused: " + e.getMessage());
        }
    }

    private static boolean verified(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim); // some providers send the string
    }
}
