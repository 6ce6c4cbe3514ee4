package io.secureconnect.auth.sso;

import java.net.URI;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;

/** One configured OpenID provider: its id in our URLs, the name users see, and how we are its client. */
record OidcProvider(String id, String name, Issuer issuer, ClientID clientId, Secret clientSecret, Scope scopes) {

    ClientSecretBasic clientAuthentication() {
        return new ClientSecretBasic(clientId, clientSecret);
    }

    /** Where the provider sends the browser back: through the public address (the gateway). */
    URI callbackUri(String publicUrl) {
        return URI.create(publicUrl.replaceAll("/+$", "") + "/api/v1/auth/sso/" + id + "/callback");
    }

    @Override
    public String toString() {
        return "OidcProvider[" + id + " " + issuer + "]"; // never the secret
    }
}
