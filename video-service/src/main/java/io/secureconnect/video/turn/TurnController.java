package io.secureconnect.video.turn;

import java.util.UUID;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.video.call.Calls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ICE server credentials, for a participant of a live call only (S11): a relay is a resource on our network and our
 * bill, so credentials go to those who may join that call (the same check as joining it, denials audited).
 */
@RestController
@Tag(name = "TURN", description = "Short-lived STUN/TURN credentials for the participants of a live call.")
class TurnController {

    private final TurnCredentials credentials;
    private final Calls calls;

    TurnController(TurnCredentials credentials, Calls calls) {
        this.credentials = credentials;
        this.calls = calls;
    }

    // the same check as joining: the call must exist and be live (CALL_NOT_FOUND, CALL_ENDED), and the caller a
    // member of its conversation (chat answers: CHAT_UNAVAILABLE) or an invitee (NOT_A_PARTICIPANT otherwise)
    @Operation(operationId = "getTurnCredentials", summary = "Get TURN credentials for a call",
            description = "Only for someone who may join that live call. The credentials expire after `ttl` seconds;"
                    + " ask again for a later call or a reconnect.")
    @ApiErrors({"CALL_NOT_FOUND", "CALL_ENDED", "NOT_A_PARTICIPANT", "CHAT_UNAVAILABLE", "TURN_NOT_CONFIGURED"})
    @GetMapping("/api/v1/turn/credentials")
    TurnCredentials.Credentials credentials(
            @Parameter(description = "The live call the credentials are for",
                    example = "0190f3a2-7c41-7d2e-9b8a-3f6c1d2e4a5b") @RequestParam UUID callId,
            Caller caller) {
        calls.admit(callId, caller.userId(), caller.accessToken());
        return credentials.issue(caller.userId());
    }
}
