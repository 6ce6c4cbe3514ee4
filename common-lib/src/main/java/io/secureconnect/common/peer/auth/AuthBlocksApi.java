package io.secureconnect.common.peer.auth;

import java.util.UUID;

import io.secureconnect.common.peer.CallerToken;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * auth-service's answers about how the caller stands with other users, asked by chat and video before a direct
 * conversation, a message or a call. The caller's token authorises the question, so a service can only ask about the
 * user it acts for.
 */
public interface AuthBlocksApi {

    String BLOCK_CHECK = "/internal/v1/blocks/check";
    String RELATIONS = "/internal/v1/relations";

    /** Has either the caller or {@code with} blocked the other? */
    @GetExchange(BLOCK_CHECK)
    BlockAnswer check(CallerToken caller, @RequestParam("with") UUID with);

    /** The caller's relation with each of some users; a user without an account is left out. */
    @PostExchange(RELATIONS)
    Relations relations(CallerToken caller, @RequestBody RelationsQuery query);
}
