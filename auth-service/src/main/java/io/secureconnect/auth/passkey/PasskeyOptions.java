package io.secureconnect.auth.passkey;

import java.util.List;

import io.secureconnect.auth.user.User;

import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInput;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInputs;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;

/**
 * The options of each ceremony, in one place because they are built twice: once with a fresh challenge for the
 * browser, and again from the stored challenge when the answer comes back, for the library to check it against
 * (only the challenge is kept, the rest is this code).
 */
final class PasskeyOptions {

    private PasskeyOptions() {
    }

    /** A discoverable credential (resident key required), user verification preferred, no attestation. */
    static PublicKeyCredentialCreationOptions creation(RelyingParty rp, User user, Bytes challenge,
                                                      List<CredentialRecord> existing) {
        return PublicKeyCredentialCreationOptions.builder()
                .rp(rp.entity())
                .user(PasskeyUsers.entity(user))
                .challenge(challenge)
                .pubKeyCredParams(PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.EdDSA,
                        PublicKeyCredentialParameters.RS256)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.PREFERRED)
                        .build())
                .attestation(AttestationConveyancePreference.NONE)
                .extensions(new ImmutableAuthenticationExtensionsClientInputs(
                        ImmutableAuthenticationExtensionsClientInput.credProps))
                .timeout(PasskeyChallenges.LIFETIME)
                .excludeCredentials(descriptors(existing))
                .build();
    }

    /**
     * A passwordless sign-in: any discoverable credential of this relying party, and the authenticator must verify
     * the user (PIN, biometrics), which is what lets the passkey stand for both factors.
     */
    static PublicKeyCredentialRequestOptions passwordless(RelyingParty rp, Bytes challenge) {
        return request(rp, challenge, List.of(), UserVerificationRequirement.REQUIRED);
    }

    /** A second factor after the password: one of this account's passkeys, user verification preferred. */
    static PublicKeyCredentialRequestOptions secondFactor(RelyingParty rp, Bytes challenge,
                                                          List<CredentialRecord> existing) {
        return request(rp, challenge, existing, UserVerificationRequirement.PREFERRED);
    }

    private static PublicKeyCredentialRequestOptions request(RelyingParty rp, Bytes challenge,
                                                             List<CredentialRecord> allowed,
                                                             UserVerificationRequirement userVerification) {
        return PublicKeyCredentialRequestOptions.builder()
                .challenge(challenge)
                .rpId(rp.id())
                .timeout(PasskeyChallenges.LIFETIME)
                .allowCredentials(descriptors(allowed))
                .userVerification(userVerification)
                .build();
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(List<CredentialRecord> records) {
        return records.stream().map(record -> PublicKeyCredentialDescriptor.builder()
                .id(record.getCredentialId()).transports(record.getTransports()).build()).toList();
    }
}
