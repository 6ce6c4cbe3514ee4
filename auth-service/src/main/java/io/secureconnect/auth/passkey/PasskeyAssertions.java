package io.secureconnect.auth.passkey;

import java.util.UUID;
import java.util.function.Function;

import com.webauthn4j.util.exception.WebAuthnException;

import io.secureconnect.auth.passkey.PasskeyChallenges.Purpose;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checking a passkey assertion, for a passwordless sign-in and for a second factor alike. The challenge is taken
 * (used up) first, in its own statement, so it stays used whatever follows; then, with the passkey's row locked, the
 * relying party checks signature, challenge, origin, relying-party id, user presence (and verification when asked)
 * and {@link PasskeyCredentials} the signature counter. An unknown credential is a 400; anything else that fails is
 * a {@link PasskeyRefused}, audited here with its reason.
 */
@Service
class PasskeyAssertions {

    private final RelyingParty rp;
    private final WebAuthnRelyingPartyOperations operations;
    private final PasskeyChallenges challenges;
    private final PasskeyRepository passkeys;
    private final TransactionTemplate transactions;
    private final AuditLogger audit;

    PasskeyAssertions(RelyingParty rp, WebAuthnRelyingPartyOperations operations, PasskeyChallenges challenges,
                      PasskeyRepository passkeys, TransactionTemplate transactions, AuditLogger audit) {
        this.rp = rp;
        this.operations = operations;
        this.challenges = challenges;
        this.passkeys = passkeys;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** A passwordless sign-in: the account whose discoverable passkey, verifying its user, signed the challenge. */
    UUID passwordless(String requestId, PublicKeyCredential<AuthenticatorAssertionResponse> credential) {
        PasskeyChallenges.Taken taken = challenges.take(Purpose.LOGIN, requestId)
                .orElseThrow(() -> refused(null, "auth.passkey.login", "unknown, used or expired challenge"));
        return verified(credential, null, "auth.passkey.login",
                owner -> PasskeyOptions.passwordless(rp, taken.challenge()));
    }

    /** A second factor: returns when one of {@code userId}'s passkeys signed the challenge issued to that account. */
    void secondFactor(UUID userId, String requestId, PublicKeyCredential<AuthenticatorAssertionResponse> credential) {
        PasskeyChallenges.Taken taken = challenges.take(Purpose.SECOND_FACTOR, requestId)
                .filter(challenge -> userId.equals(challenge.userId()))
                .orElseThrow(() -> refused(userId, "auth.mfa.passkey", "unknown, used or expired challenge"));
        verified(credential, userId, "auth.mfa.passkey",
                owner -> PasskeyOptions.secondFactor(rp, taken.challenge(), passkeys.findRecordsByUser(owner)));
    }

    private UUID verified(PublicKeyCredential<AuthenticatorAssertionResponse> credential, UUID expectedUser,
                          String action,
                          Function<UUID, PublicKeyCredentialRequestOptions> optionsFor) {
        byte[] credentialId = credential.getRawId().getBytes();
        // the verdict leaves the transaction as a value, not an exception: a refusal thrown inside would roll back
        // the transaction it joins (a second factor's, whose counted failure and used challenge must stay)
        Verdict verdict = transactions.execute(status -> passkeys.lockOwner(credentialId)
                .map(owner -> check(credential, owner, expectedUser, optionsFor))
                .orElse(Verdict.UNKNOWN_CREDENTIAL));
        if (verdict == Verdict.UNKNOWN_CREDENTIAL) {
            throw unknownCredential(expectedUser, action);
        }
        if (verdict.refusal() != null) {
            throw refused(verdict.owner(), action, verdict.refusal());
        }
        return verdict.owner();
    }

    private Verdict check(PublicKeyCredential<AuthenticatorAssertionResponse> credential, UUID owner,
                          UUID expectedUser, Function<UUID, PublicKeyCredentialRequestOptions> optionsFor) {
        if (expectedUser != null && !expectedUser.equals(owner)) {
            return Verdict.refused(expectedUser, "a passkey of another account");
        }
        Bytes userHandle = credential.getResponse().getUserHandle();
        if (expectedUser == null && userHandle == null) {
            return Verdict.refused(owner, "no user handle in a discoverable sign-in");
        }
        if (userHandle != null && !userHandle.equals(UserHandle.of(owner))) {
            return Verdict.refused(owner, "user handle of another account");
        }
        try {
            operations.authenticate(new RelyingPartyAuthenticationRequest(optionsFor.apply(owner), credential));
        } catch (PasskeyCredentials.SignCountNotIncreased e) {
            return Verdict.refused(owner, "signature counter did not increase: possibly a cloned authenticator");
        } catch (WebAuthnException | IllegalArgumentException e) {
            // webauthn4j names the check that failed (BadOriginException, BadSignatureException, ...); an
            // account deleted since shows as an IllegalArgumentException (no such user entity)
            return Verdict.refused(owner, "assertion refused: " + e.getClass().getSimpleName());
        }
        return new Verdict(owner, null);
    }

    /** The owner of the passkey that signed, or why the assertion was refused (and whose passkey it was). */
    private record Verdict(UUID owner, String refusal) {

        static final Verdict UNKNOWN_CREDENTIAL = new Verdict(null, "unknown credential");

        static Verdict refused(UUID owner, String reason) {
            return new Verdict(owner, reason);
        }
    }

    private ApiException unknownCredential(UUID userId, String action) {
        audit.record(AuditEvent.of(action, AuditResult.DENIED).user(userId).resource("passkey")
                .reason("unknown credential"));
        return new ApiException(PasskeyErrorCode.PASSKEY_INVALID_REQUEST, "This passkey is not known here.");
    }

    private PasskeyRefused refused(UUID userId, String action, String reason) {
        audit.record(AuditEvent.of(action, AuditResult.DENIED).user(userId).resource("passkey").reason(reason));
        return new PasskeyRefused();
    }

    /** The assertion did not prove a passkey; the reason is in the audit trail, not in the answer. */
    static final class PasskeyRefused extends RuntimeException {

        PasskeyRefused() {
            super("passkey assertion refused", null, false, false);
        }
    }
}
