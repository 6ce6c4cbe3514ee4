package io.secureconnect.auth.passkey;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Passkey settings; by default the relying party is the host of {@code secureconnect.auth.public-url}.
 *
 * @param rpId         the relying-party id when it is not the public URL's host ({@code SC_WEBAUTHN_RP_ID}): a
 *                     parent domain shared by several sites (passkeys of {@code example.com} work on
 *                     {@code chat.example.com}), or {@code localhost} where the public URL is an IP address, which
 *                     WebAuthn refuses as an id; empty: the public URL's host
 * @param extraOrigins origins besides the public URL that may present passkeys of the same relying party
 *                     ({@code SC_WEBAUTHN_ORIGINS}, comma separated)
 * @param rpName       the name authenticators show for the relying party
 */
@ConfigurationProperties("secureconnect.passkeys")
record PasskeyProperties(@DefaultValue("") String rpId, @DefaultValue List<String> extraOrigins,
                         @DefaultValue("SecureConnect") String rpName) {

    PasskeyProperties {
        rpId = rpId.strip();
        extraOrigins = extraOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }
}
