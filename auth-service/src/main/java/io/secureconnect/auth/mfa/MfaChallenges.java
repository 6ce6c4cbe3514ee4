package io.secureconnect.auth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.auth.session.SessionOrigin;
import io.secureconnect.auth.token.OpaqueTokens;

import org.springframework.stereotype.Component;

/**
 * The challenges between a login's first factor and its second: an {@code mfaToken} (32 random bytes, stored only as
 * its SHA-256) bound to the account and to the first step (its origin and amr, which the session opened later
 * records). It lives 5 minutes and the first right answer consumes it; a wrong answer leaves it.
 */
@Component
public class MfaChallenges {

    /** How long an {@code mfaToken} can be answered. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private final MfaChallengeRepository challenges;
    private final Clock clock;

    MfaChallenges(MfaChallengeRepository challenges, Clock clock) {
        this.challenges = challenges;
        this.clock = clock;
    }

    /** A new challenge for {@code userId}, whose first factor ({@code amr}) came from {@code origin}: its token. */
    String issue(UUID userId, SessionOrigin origin, List<String> amr) {
        String token = OpaqueTokens.generate();
        Instant now = clock.instant();
        challenges.deleteExpired(now);
        challenges.insert(OpaqueTokens.hash(token), new Pending(userId, origin, amr), now, now.plus(LIFETIME));
        return token;
    }

    /**
     * The account a live {@code mfaToken} was issued to, without consuming it (e.g. to list its passkeys for
     * {@code POST /api/v1/auth/mfa/passkey/options}); empty for an unknown, used or expired token.
     */
    public Optional<UUID> pendingUser(String mfaToken) {
        return pending(mfaToken).map(Pending::userId);
    }

    /** The live challenge of {@code mfaToken}, not consumed. */
    Optional<Pending> pending(String mfaToken) {
        if (mfaToken == null || mfaToken.isEmpty() || mfaToken.length() > 64) {
            return Optional.empty();
        }
        return challenges.findLive(OpaqueTokens.hash(mfaToken), clock.instant());
    }

    /** Uses the challenge up; false when another answer consumed it first (or it just expired). */
    boolean consume(String mfaToken) {
        return challenges.deleteLive(OpaqueTokens.hash(mfaToken), clock.instant());
    }

    /** A challenge waiting for its answer: whose, from where, and what the first factor was. */
    record Pending(UUID userId, SessionOrigin origin, List<String> amr) {
    }
}
