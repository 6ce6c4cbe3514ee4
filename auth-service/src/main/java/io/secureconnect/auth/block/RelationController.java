package io.secureconnect.auth.block;

import java.util.UUID;

import jakarta.validation.Valid;

import io.secureconnect.common.peer.auth.AuthBlocksApi;
import io.secureconnect.common.peer.auth.Relation;
import io.secureconnect.common.peer.auth.Relations;
import io.secureconnect.common.peer.auth.RelationsQuery;

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

    private final Blocks blocks;

    RelationController(Blocks blocks) {
        this.blocks = blocks;
    }

    @PostMapping(AuthBlocksApi.RELATIONS)
    Relations relations(@Valid @RequestBody RelationsQuery query, @AuthenticationPrincipal Jwt token) {
        return new Relations(blocks.relations(UUID.fromString(token.getSubject()), query.userIds()).stream()
                .map(relation -> new Relation(relation.userId(), relation.contact(), relation.blocked()))
                .toList());
    }
}
