package io.secureconnect.auth.contact;

import io.secureconnect.auth.block.BlockRepository;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

/**
 * One rule a contact request must pass before it is recorded; {@link Contacts} runs them in the order of its list.
 * Each throws its refusal.
 */
@FunctionalInterface
interface ContactRequestPolicy {

    void check(RequestContact request);

    /** Asking oneself answers like an unknown user. */
    static ContactRequestPolicy notToOneself() {
        return request -> {
            if (request.requester().equals(request.addressee())) {
                throw noSuchUser();
            }
        };
    }

    static ContactRequestPolicy addresseeExists(UserRepository users) {
        return request -> {
            if (users.findById(request.addressee()).isEmpty()) {
                throw noSuchUser();
            }
        };
    }

    /** A block either way refuses the request, and the refusal is audited. */
    static ContactRequestPolicy noBlockBetween(BlockRepository blocks, AuditLogger audit) {
        return request -> {
            if (blocks.eitherBlocked(request.requester(), request.addressee())) {
                audit.denied("auth.contact_request", "user:" + request.addressee(), "blocked");
                throw new ApiException(CommonErrorCode.FORBIDDEN, "You cannot send a request to this user.");
            }
        };
    }

    private static ApiException noSuchUser() {
        return new ApiException(CommonErrorCode.NOT_FOUND, "No such user.");
    }
}
