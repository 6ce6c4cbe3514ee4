package io.secureconnect.auth.passkey;

import java.util.List;
import java.util.UUID;

import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.stereotype.Service;

/** One's own passkeys: listed, renamed, removed. Someone else's passkey answers as not found. */
@Service
class Passkeys {

    private final PasskeyRepository passkeys;
    private final AuditLogger audit;

    Passkeys(PasskeyRepository passkeys, AuditLogger audit) {
        this.passkeys = passkeys;
        this.audit = audit;
    }

    List<Passkey> of(UUID userId) {
        return passkeys.findByUser(userId);
    }

    Passkey rename(UUID userId, UUID id, String name) {
        Passkey renamed = passkeys.rename(id, userId, name).orElseThrow(() -> notFound("auth.passkey.rename", userId, id));
        audit.record(AuditEvent.of("auth.passkey.rename", AuditResult.SUCCESS).user(userId).resource("passkey:" + id));
        return renamed;
    }

    void delete(UUID userId, UUID id) {
        if (!passkeys.delete(id, userId)) {
            throw notFound("auth.passkey.delete", userId, id);
        }
        audit.record(AuditEvent.of("auth.passkey.delete", AuditResult.SUCCESS).user(userId).resource("passkey:" + id));
    }

    private ApiException notFound(String action, UUID userId, UUID id) {
        audit.record(AuditEvent.of(action, AuditResult.DENIED).user(userId).resource("passkey:" + id)
                .reason("not one of the caller's passkeys"));
        return new ApiException(CommonErrorCode.NOT_FOUND, "No such passkey.");
    }
}
