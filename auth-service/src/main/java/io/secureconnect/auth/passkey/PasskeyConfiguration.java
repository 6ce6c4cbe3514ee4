package io.secureconnect.auth.passkey;

import java.time.Clock;

import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.user.UserRepository;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Spring Security's WebAuthn relying party, used as a library: its ceremonies are checked by
 * {@link Webauthn4JRelyingPartyOperations} over our tables, while our controllers (not its session-based filters)
 * speak HTTP and keep the challenges in PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

    @Bean
    RelyingParty relyingParty(AuthProperties auth, PasskeyProperties passkeys) {
        return RelyingParty.of(auth.publicUrl(), passkeys);
    }

    @Bean
    WebAuthnRelyingPartyOperations relyingPartyOperations(RelyingParty rp, UserRepository users,
                                                          PasskeyRepository passkeys, Clock clock) {
        return new Webauthn4JRelyingPartyOperations(new PasskeyUsers(users), new PasskeyCredentials(passkeys, clock),
                rp.entity(), rp.origins());
    }
}
