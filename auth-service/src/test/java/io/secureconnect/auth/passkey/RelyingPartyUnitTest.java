package io.secureconnect.auth.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Who passkeys are made for, from the public URL and the passkey settings. */
class RelyingPartyUnitTest {

    @Test
    void theIdIsThePublicUrlsHostAndItsOriginIsAllowed() {
        RelyingParty rp = RelyingParty.of("https://chat.example.com/", new PasskeyProperties("", List.of(), "SecureConnect"));

        assertThat(rp.id()).isEqualTo("chat.example.com");
        assertThat(rp.origins()).containsExactly("https://chat.example.com");
        assertThat(rp.entity().getName()).isEqualTo("SecureConnect");
    }

    @Test
    void aConfiguredIdAndExtraOriginsKeepTheirPortsUnlessDefault() {
        RelyingParty rp = RelyingParty.of("http://127.0.0.1:18080",
                new PasskeyProperties(" localhost ", List.of("http://localhost:18080", " https://localhost:443 ", ""),
                        "SecureConnect"));

        assertThat(rp.id()).isEqualTo("localhost");
        assertThat(rp.origins()).containsExactlyInAnyOrder("http://127.0.0.1:18080", "http://localhost:18080",
                "https://localhost");
    }

    @Test
    void aPublicUrlWithoutAHostStopsTheService() {
        assertThatThrownBy(() -> RelyingParty.of("localhost:8080", new PasskeyProperties("", List.of(), "x")))
                .isInstanceOf(IllegalStateException.class);
    }
}
