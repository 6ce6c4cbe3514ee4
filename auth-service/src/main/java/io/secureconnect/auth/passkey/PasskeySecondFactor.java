package io.secureconnect.auth.passkey;

import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.mfa.MfaAnswer;
import io.secureconnect.auth.mfa.MfaChallenges;
import io.secureconnect.auth.mfa.MfaErrorCode;
import io.secureconnect.auth.mfa.SecondFactor;
import io.secureconnect.auth.passkey.PasskeyAssertions.PasskeyRefused;
import io.secureconnect.auth.passkey.PasskeyChallenges.Purpose;
import io.secureconnect.common.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * A passkey as the second factor after a password ({@code amr} gains {@code hwk} and {@code mfa}): the challenge
 * names the account's passkeys ({@code allowCredentials}) and only one of them may answer it. A refused assertion is
 * a wrong answer, counted toward the account's MFA lockout by the caller.
 */
@Component
class PasskeySecondFactor implements SecondFactor {

    private final RelyingParty rp;
    private final PasskeyChallenges challenges;
    private final PasskeyAssertions assertions;
    private final PasskeyRepository passkeys;
    private final MfaChallenges mfaChallenges;

    PasskeySecondFactor(RelyingParty rp, PasskeyChallenges challenges, PasskeyAssertions assertions,
                        PasskeyRepository passkeys, MfaChallenges mfaChallenges) {
        this.rp = rp;
        this.challenges = challenges;
        this.assertions = assertions;
        this.passkeys = passkeys;
        this.mfaChallenges = mfaChallenges;
    }

    /** The request options for the account waiting on {@code mfaToken}, which stays unanswered. */
    PasskeyLogin.Started start(String mfaToken) {
        UUID userId = mfaChallenges.pendingUser(mfaToken)
                .orElseThrow(() -> new ApiException(MfaErrorCode.MFA_TOKEN_INVALID, "The sign-in has expired. Sign in again."));
        var existing = passkeys.findRecordsByUser(userId);
        if (existing.isEmpty()) {
            throw new ApiException(PasskeyErrorCode.PASSKEY_INVALID_REQUEST, "This account has no passkey.");
        }
        PasskeyChallenges.Issued issued = challenges.issue(Purpose.SECOND_FACTOR, userId);
        return new PasskeyLogin.Started(issued.id(),
                PasskeyJson.options(PasskeyOptions.secondFactor(rp, issued.challenge(), existing)));
    }

    @Override
    public String method() {
        return "passkey";
    }

    @Override
    public boolean enabledFor(UUID userId) {
        return passkeys.count(userId) > 0;
    }

    @Override
    public int countFor(UUID userId) {
        return passkeys.count(userId);
    }

    @Override
    public boolean accepts(MfaAnswer answer) {
        return answer.passkey() != null;
    }

    @Override
    public boolean verify(UUID userId, MfaAnswer answer) {
        var credential = PasskeyJson.assertion(answer.passkey().credential());
        try {
            assertions.secondFactor(userId, answer.passkey().requestId(), credential);
            return true;
        } catch (PasskeyRefused refused) {
            return false;
        }
    }

    @Override
    public void reset(UUID userId) {
        passkeys.deleteAll(userId);
    }

    @Override
    public List<String> amr() {
        return List.of("hwk", "mfa");
    }
}
