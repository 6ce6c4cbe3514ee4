package io.secureconnect.auth.block;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's block list, and the question other services ask before two users talk. A block is raised as
 * {@link UserBlocked} inside its transaction, so whatever it ends (contacts, pending requests) ends with it or not at
 * all.
 */
@Service
class Blocks {

    private final BlockRepository blocks;
    private final UserRepository users;
    private final AuditLogger audit;
    private final ApplicationEventPublisher events;

    Blocks(BlockRepository blocks, UserRepository users, AuditLogger audit, ApplicationEventPublisher events) {
        this.blocks = blocks;
        this.users = users;
        this.audit = audit;
        this.events = events;
    }

    List<Block> blockedBy(UUID me) {
        return blocks.blockedBy(me);
    }

    /** Blocking oneself or an unknown user answers as not found. */
    @Transactional
    void block(UUID me, UUID userId, String reason) {
        if (me.equals(userId) || users.findById(userId).isEmpty()) {
            throw new ApiException(CommonErrorCode.NOT_FOUND, "No such user to block.");
        }
        blocks.block(me, userId, reason);
        events.publishEvent(new UserBlocked(me, userId));
        audit.record(AuditEvent.of("auth.block", AuditResult.SUCCESS).user(me).resource("user:" + userId));
    }

    void unblock(UUID me, UUID userId) {
        blocks.unblock(me, userId);
        audit.record(AuditEvent.of("auth.unblock", AuditResult.SUCCESS).user(me).resource("user:" + userId));
    }

    /** True when either user has blocked the other. */
    boolean eitherBlocked(UUID one, UUID other) {
        return blocks.eitherBlocked(one, other);
    }

    /** How {@code me} stands with each of {@code userIds} whose account exists: contact, and a block either way. */
    List<BlockRepository.Relation> relations(UUID me, Collection<UUID> userIds) {
        return blocks.relations(me, userIds);
    }
}
