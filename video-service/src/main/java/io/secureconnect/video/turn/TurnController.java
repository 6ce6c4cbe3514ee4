package io.secureconnect.video.turn;

import java.util.UUID;

import io.secureconnect.common.security.Caller;
import io.secureconnect.video.call.Calls;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ICE server credentials, for a participant of a live call only (S11): a relay is a resource on our network and our
 * bill, so credentials go to those who may join that call (the same check as joining it, denials audited).
 */
@RestController
class TurnController {

    private final TurnCredentials credentials;
    private final Calls calls;

    TurnController(TurnCredentials credentials, Calls calls) {
        this.credentials = credentials;
        this.calls = calls;
    }

    @GetMapping("/api/v1/turn/credentials")
    TurnCredentials.Credentials credentials(@RequestParam UUID callId, Caller caller) {
        calls.admit(callId, caller.userId(), caller.accessToken());
        return credentials.issue(caller.userId());
    }
}
