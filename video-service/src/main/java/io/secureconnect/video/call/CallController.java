package io.secureconnect.video.call;

import java.util.UUID;

import jakarta.validation.Valid;

import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Placing, looking at, declining and ending calls; joining happens on the signaling socket. */
@RestController
@Tag(name = "Calls", description = "Place a call in a conversation or to contacts, look at it, decline it or end it."
        + " Joining, leaving and the WebRTC exchange happen on the `/ws/calls` WebSocket (docs/calls-asyncapi.yaml).")
class CallController {

    private static final String CALL_ID = "The call's id";
    private static final String CALL_ID_EXAMPLE = "0190f3a2-7c41-7d2e-9b8a-3f6c1d2e4a5b";

    private final Calls calls;

    CallController(Calls calls) {
        this.calls = calls;
    }

    // membership comes from chat (CHAT_UNAVAILABLE), blocks and contacts from auth (AUTH_UNAVAILABLE); FORBIDDEN
    // when an ad hoc call leaves nobody who may be rung, CALL_FULL when it names more invitees than the limit allows
    @Operation(operationId = "createCall", summary = "Place a call",
            description = "Give either `conversationId` (every other member is rung, only members may join) or"
                    + " `inviteeIds` (an ad hoc call: only your contacts among them are rung, and only they and you"
                    + " may join). Nobody who blocked you, or whom you blocked, is rung. The call is `ringing` until"
                    + " a second participant connects on the signaling socket; unanswered, it ends as `missed`.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
            @ExampleObject(name = "conversation", summary = "A video call in a conversation",
                    description = "Every other member of the conversation is rung.",
                    value = "{\"conversationId\": \"0190f3a1-2b3c-7d4e-8f5a-6b7c8d9e0f1a\", \"media\": \"video\"}"),
            @ExampleObject(name = "adHoc", summary = "An audio call to two contacts",
                    description = "Only the invitees who are your contacts are rung.",
                    value = "{\"inviteeIds\": [\"0190f3a0-5d6e-7f8a-9b0c-1d2e3f4a5b6c\","
                            + " \"0190f3a0-9e8d-7c6b-a5f4-e3d2c1b0a9f8\"], \"media\": \"audio\"}")}))
    @ApiResponse(responseCode = "201", description = "The call, ringing")
    @ApiErrors({"FORBIDDEN", "CONVERSATION_NOT_FOUND", "CALL_FULL", "CHAT_UNAVAILABLE", "AUTH_UNAVAILABLE"})
    @PostMapping("/api/v1/calls")
    @ResponseStatus(HttpStatus.CREATED)
    CallView create(@Valid @RequestBody CreateCallRequest request, Caller caller) {
        return calls.create(caller.userId(), caller.accessToken(), request);
    }

    @Operation(operationId = "getCall", summary = "Get a call",
            description = "Only to users rung in or joined to the call; anyone else gets `CALL_NOT_FOUND`."
                    + " `connected` says who is in the live call right now.")
    @ApiErrors("CALL_NOT_FOUND")
    @GetMapping("/api/v1/calls/{id}")
    CallView get(@Parameter(description = CALL_ID, example = CALL_ID_EXAMPLE) @PathVariable UUID id, Caller caller) {
        return calls.view(id, caller.userId());
    }

    @Operation(operationId = "endCall", summary = "End a call for everyone",
            description = "Hangs up for every participant: the call ends as `cancelled` when its initiator ends it"
                    + " while it still rings, otherwise as `hung_up`. Ending an ended call is fine.")
    @ApiResponse(responseCode = "204", description = "The call has ended")
    @ApiErrors("CALL_NOT_FOUND")
    @PostMapping("/api/v1/calls/{id}/end")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(@Parameter(description = CALL_ID, example = CALL_ID_EXAMPLE) @PathVariable UUID id, Caller caller) {
        calls.end(id, caller.userId());
    }

    @Operation(operationId = "declineCall", summary = "Decline a call",
            description = "A callee says no; the caller is told. When every callee of a ringing call declined, the"
                    + " call ends as `declined`.")
    @ApiResponse(responseCode = "204", description = "Declined")
    @ApiErrors({"CALL_NOT_FOUND", "CALL_ENDED"})
    @PostMapping("/api/v1/calls/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@Parameter(description = CALL_ID, example = CALL_ID_EXAMPLE) @PathVariable UUID id, Caller caller) {
        calls.decline(id, caller.userId());
    }
}
