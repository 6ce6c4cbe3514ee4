package io.secureconnect.video.call;

import java.util.UUID;

import jakarta.validation.Valid;

import io.secureconnect.common.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Placing, looking at, declining and ending calls; joining happens on the signaling socket. */
@RestController
class CallController {

    private final Calls calls;

    CallController(Calls calls) {
        this.calls = calls;
    }

    @PostMapping("/api/v1/calls")
    @ResponseStatus(HttpStatus.CREATED)
    CallView create(@Valid @RequestBody CreateCallRequest request, Caller caller) {
        return calls.create(caller.userId(), caller.accessToken(), request);
    }

    @GetMapping("/api/v1/calls/{id}")
    CallView get(@PathVariable UUID id, Caller caller) {
        return calls.view(id, caller.userId());
    }

    @PostMapping("/api/v1/calls/{id}/end")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(@PathVariable UUID id, Caller caller) {
        calls.end(id, caller.userId());
    }

    @PostMapping("/api/v1/calls/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@PathVariable UUID id, Caller caller) {
        calls.decline(id, caller.userId());
    }
}
