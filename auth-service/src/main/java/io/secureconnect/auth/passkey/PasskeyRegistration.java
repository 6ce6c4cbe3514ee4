package io.secureconnect.auth.passkey;

import java.util.UUID;

import com.webauthn4j.util.exception.WebAuthnException;

import io.secureconnect.auth.passkey.PasskeyChallenges.Purpose;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * Adding a passkey to one's account: the creation options with a stored challenge, then the browser's attestation,
 * checked by the relying party (challenge, origin, relying-party id, user presence, an accepted algorithm) before the
 * credential is kept under the name its owner chose.
 */
@Service
class PasskeyRegistration {

    /** What the browser needs to create a passkey, and the id it sends back with the result. */
    record Started(UUID registrationId, JsonNode publicKey) {
    }

    private final RelyingParty rp;
    private final WebAuthnRelyingPartyOperations operations;
    private final PasskeyChallenges challenges;
    private final PasskeyRepository passkeys;
    private final UserRepository users;
    private final AuditLogger audit;

    PasskeyRegistration(RelyingParty rp, WebAuthnRelyingPartyOperations operations, PasskeyChallenges challenges,
                        PasskeyRepository passkeys, UserRepository users, AuditLogger audit) {
        this.rp = rp;
        this.operations = operations;
        this.challenges = challenges;
        this.passkeys = passkeys;
        this.users = users;
        this.audit = audit;
    }

    Started start(UUID userId) {
        User user = account(userId);
        PasskeyChallenges.Issued issued = challenges.issue(Purpose.REGISTRATION, userId);
        PublicKeyCredentialCreationOptions options = PasskeyOptions.creation(rp, user, issued.challenge(),
                passkeys.findRecordsByUser(userId));
        return new Started(issued.id(), PasskeyJson.options(options));
    }

    Passkey finish(UUID userId, String registrationId, String name, JsonNode credentialJson) {
        User user = account(userId);
        PublicKeyCredential<AuthenticatorAttestationResponse> credential = PasskeyJson.attestation(credentialJson);
        PasskeyChallenges.Taken taken = challenges.take(Purpose.REGISTRATION, registrationId)
                .filter(challenge -> userId.equals(challenge.userId()))
                .orElseThrow(() -> refused(userId, "unknown, used or expired registration"));
        PublicKeyCredentialCreationOptions options = PasskeyOptions.creation(rp, user, taken.challenge(),
                passkeys.findRecordsByUser(userId));
        try {
            operations.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                    new RelyingPartyPublicKey(credential, name)));
        } catch (WebAuthnException | IllegalArgumentException | DuplicateKeyException e) {
            // the library's words name what failed (origin, challenge, an already registered credential), no secret
            throw refused(userId, "attestation refused: " + e.getClass().getSimpleName());
        }
        Passkey added = passkeys.findPasskey(credential.getRawId().getBytes()).orElseThrow();
        audit.record(AuditEvent.of("auth.passkey.register", AuditResult.SUCCESS).user(userId)
                .resource("passkey:" + added.id()));
        return added;
    }

    private User account(UUID userId) {
        return users.findById(userId)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "This account no longer exists."));
    }

    private ApiException refused(UUID userId, String reason) {
        audit.record(AuditEvent.of("auth.passkey.register", AuditResult.DENIED).user(userId).resource("passkey")
                .reason(reason));
        return new ApiException(PasskeyErrorCode.PASSKEY_INVALID_REQUEST,
                "The passkey could not be added; start again.");
    }
}
