package io.secureconnect.video.turn;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** ICE server credentials for the signed-in user. */
@RestController
class TurnController {

    private final TurnCredentials credentials;

    TurnController(TurnCredentials credentials) {
        this.credentials = credentials;
    }

    @GetMapping("/api/v1/turn/credentials")
    TurnCredentials.Credentials credentials(@AuthenticationPrincipal Jwt token) {
        return credentials.issue(UUID.fromString(token.getSubject()));
    }
}
