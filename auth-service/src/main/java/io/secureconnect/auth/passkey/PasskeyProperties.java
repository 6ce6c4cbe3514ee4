package io.secureconnect.auth.passkey;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Passkey settings; the relying party itself is the host of {@code secureconnect.auth.public-url}.
 *
 * @param extraOrigins origins besides the public URL that may present passkeys of the same relying party
 *                     ({@code SC_WEBAUTHN_ORIGINS}, comma separated)
 * @param rpName       the name authenticators show for the relying party
 */
@ConfigurationProperties("secureconnect.passkeys")
record PasskeyProperties(@DefaultValue List<String> extraOrigins, @DefaultValue("SecureConnect") String rpName) {

    PasskeyProperties {
        extraOrigins = extraOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }
}
