package io.secureconnect.auth.passkey;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;

/**
 * Who passkeys are made for: the relying-party id is the host of the public URL unless configured (WebAuthn accepts
 * no IP address and no port there), and the origins whose pages may use them are the public URL's plus the
 * configured extra ones. Browsers check that each origin's host is the id or under it.
 */
record RelyingParty(PublicKeyCredentialRpEntity entity, Set<String> origins) {

    static RelyingParty of(String publicUrl, PasskeyProperties properties) {
        URI url = URI.create(publicUrl.strip());
        if (url.getHost() == null || url.getScheme() == null) {
            throw new IllegalStateException("secureconnect.auth.public-url must be an absolute URL, got " + publicUrl);
        }
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(url));
        properties.extraOrigins().forEach(extra -> origins.add(origin(URI.create(extra))));
        String id = properties.rpId().isEmpty() ? url.getHost() : properties.rpId();
        return new RelyingParty(PublicKeyCredentialRpEntity.builder().id(id).name(properties.rpName()).build(),
                Set.copyOf(origins));
    }

    String id() {
        return entity.getId();
    }

    /** An origin as browsers write it in clientDataJSON: scheme, host and a port only when it is not the default. */
    private static String origin(URI url) {
        int port = url.getPort();
        boolean defaultPort = port == -1 || ("https".equals(url.getScheme()) && port == 443)
                || ("http".equals(url.getScheme()) && port == 80);
        return url.getScheme() + "://" + url.getHost() + (defaultPort ? "" : ":" + port);
    }
}
