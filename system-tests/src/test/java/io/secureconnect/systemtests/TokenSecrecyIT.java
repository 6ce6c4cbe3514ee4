package io.secureconnect.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.secureconnect.testsupport.jwt.TestTokens;

import org.junit.jupiter.api.Test;

/**
 * Access tokens are credentials: whichever way a client sends one (header or {@code access_token} query
 * parameter), accepted or refused, it must never be written to a log file or a service's console output.
 */
@SystemTest
class TokenSecrecyIT {

    private static final List<String> ROUTES = List.of("/api/v1/users/me", "/api/v1/conversations",
            "/api/v1/calls/system-test-probe", "/api/v1/turn/credentials", "/api/v1/files/quota");

    private final SecureConnectSystem system;

    TokenSecrecyIT(SecureConnectSystem system) {
        this.system = system;
    }

    @Test
    void tokensNeverReachLogFiles() {
        // given
        var inHeader = TestTokens.accessToken(UUID.randomUUID());
        var inQuery = TestTokens.accessToken(UUID.randomUUID());
        var expired = TestTokens.expiredAccessToken(UUID.randomUUID());

        // when: sent through the gateway and straight to the services
        for (var route : ROUTES) {
            Api.get(system.gateway(route)).bearer(inHeader).send();
            Api.get(system.gateway(route + "?access_token=" + inQuery)).send();
            Api.get(system.gateway(route)).bearer(expired).send();
        }
        for (var service : Service.values()) {
            Api.get(system.service(service, "/api/v1/conversations?access_token=" + inQuery)).bearer(inHeader).send();
            Api.get(system.service(service, "/api/v1/conversations")).bearer(expired).send();
        }

        // then: not the whole token, and not its signature (masking only the header.payload would leak it)
        var secrets = new ArrayList<String>();
        for (var token : List.of(inHeader, inQuery, expired)) {
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
        }
        await("no token in " + system.logDirectory())
                .during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> filesContaining(secrets), List::isEmpty);
    }

    private List<String> filesContaining(List<String> secrets) {
        return system.filesWrittenByServices().stream()
                .filter(file -> secrets.stream().anyMatch(read(file)::contains))
                .map(Path::toString)
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
