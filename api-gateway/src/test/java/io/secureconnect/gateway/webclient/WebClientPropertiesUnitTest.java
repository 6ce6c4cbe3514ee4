package io.secureconnect.gateway.webclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebClientPropertiesUnitTest {

    @Test
    void addressesAreReducedToTheirOrigins() {
        var properties = new WebClientProperties("https://Chat.Example.com:8443/app",
                List.of("https://files.example.com/bucket/key?X-Amz-Signature=x", "", "http://127.0.0.1:8085"));

        assertThat(properties.webSocketOrigin()).isEqualTo("wss://chat.example.com:8443");
        assertThat(properties.storageOrigins()).containsExactly("https://files.example.com", "http://127.0.0.1:8085");
    }

    @Test
    void plainHttpPublicAddressGivesAPlainSocketOrigin() {
        assertThat(new WebClientProperties("http://localhost:8080", List.of()).webSocketOrigin())
                .isEqualTo("ws://localhost:8080");
        assertThat(new WebClientProperties("", List.of()).webSocketOrigin()).isNull();
    }

    @Test
    void anythingThatWouldWidenThePolicyStopsTheGateway() {
        for (String wide : List.of("*", "https:", "https://*.example.com", "wss://files.example.com", "files.example.com",
                "https://user@files.example.com", "https://files.example.com https://evil.example")) {
            assertThatIllegalArgumentException().as(wide)
                    .isThrownBy(() -> new WebClientProperties("", List.of(wide)));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new WebClientProperties("*", List.of()));
    }

    @Test
    void policyListsSelfTheSocketOriginAndStorageInConnectSrc() {
        String policy = ContentSecurityPolicy.of(new WebClientProperties("https://chat.example.com",
                List.of("https://files.example.com")), "<!doctype html>");

        assertThat(policy).contains("connect-src 'self' wss://chat.example.com https://files.example.com;")
                .contains("script-src 'self';", "object-src 'none';", "frame-ancestors 'none'");
    }
}
