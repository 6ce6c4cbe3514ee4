package io.secureconnect.video.call;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
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
    CallView create(@Valid @RequestBody CreateCallRequest request, @AuthenticationPrincipal Jwt token) {
        return calls.create(userOf(token), token.getTokenValue(), request);
    }

    @GetMapping("/api/v1/calls/{id}")
    CallView get(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return calls.view(id, userOf(token));
    }

    @PostMapping("/api/v1/calls/{id}/end")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        calls.end(id, userOf(token));
    }

    @PostMapping("/api/v1/calls/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        calls.decline(id, userOf(token));
    }

    private static UUID userOf(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
