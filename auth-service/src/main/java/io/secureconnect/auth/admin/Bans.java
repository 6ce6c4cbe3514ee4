package io.secureconnect.auth.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.secureconnect.auth.session.Sessions;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.stereotype.Service;

/**
 * Banning and unbanning. A ban ends every session of the user at once (PostgreSQL and the Redis marks every service
 * checks, so existing access tokens stop working everywhere) and {@link BannedAccountLogins} refuses new logins
 * until it is lifted or runs out.
 */
@Service
class Bans {

    private final BanRepository bans;
    private final UserRepository users;
    private final Sessions sessions;
    private final Clock clock;
    private final AuditLogger audit;

    Bans(BanRepository bans, UserRepository users, Sessions sessions, AuditLogger audit, Clock clock) {
        this.clock = clock;
        this.bans = bans;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** Bans the user; {@code duration} null means permanently. */
    Ban ban(UUID adminId, UUID userId, String reason, Duration duration) {
        if (adminId.equals(userId)) {
            throw new ApiException(AdminErrorCode.ADMIN_CANNOT_BAN_SELF, "An administrator cannot ban themselves.");
        }
        users.findById(userId).orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "No such user."));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Ban ban = new Ban(userId, reason, adminId, now, duration == null ? null : now.plus(duration));
        bans.save(ban); // first, so no login slips in between ending the sessions and the ban taking effect
        sessions.endAll(userId, "banned");
        audit.record(AuditEvent.of("admin.user_ban", AuditResult.SUCCESS).resource("user:" + userId)
                .reason((ban.until() == null ? "permanent" : "until " + ban.until()) + ": " + reason));
        return ban;
    }

    void unban(UUID userId, String reason) {
        if (!bans.delete(userId)) {
            throw new ApiException(CommonErrorCode.NOT_FOUND, "This user is not banned.");
        }
        audit.record(AuditEvent.of("admin.user_unban", AuditResult.SUCCESS).resource("user:" + userId).reason(reason));
    }
}
