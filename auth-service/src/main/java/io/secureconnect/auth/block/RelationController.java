package io.secureconnect.auth.block;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For chat and video: how the caller stands with each of some users, in one question (a group add, a group
 * message's mentions and pushes, an ad hoc call). Authorised by the caller's own token, so a service can only ask
 * about the user it acts for. A user who does not exist, or deleted their account, is left out of the answer.
 */
@RestController
class RelationController {

    private final BlockRepository blocks;

    RelationController(BlockRepository blocks) {
        this.blocks = blocks;
    }

    record RelationsRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> userIds) {
    }

    @PostMapping("/internal/v1/relations")
    Map<String, List<BlockRepository.Relation>> relations(@Valid @RequestBody RelationsRequest request,
                                                          @AuthenticationPrincipal Jwt token) {
        return Map.of("items", blocks.relations(UUID.fromString(token.getSubject()), request.userIds()));
    }
}
