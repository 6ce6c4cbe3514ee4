package io.secureconnect.testsupport.oidc;

/** The ways {@link TestIdentityProvider} can be told to issue ID tokens a relying party must refuse. */
public enum Misbehaviour {
    /** Signed with a key of the same {@code kid} that the provider's JWKS does not publish. */
    SIGN_WITH_OTHER_KEY,
    /** Issued for another client ({@code aud}). */
    OTHER_AUDIENCE,
    /** Already expired when issued. */
    EXPIRED_ID_TOKEN,
    /** Carrying the {@code nonce} of the previous login instead of this one's (a replayed token). */
    REPLAY_NONCE
}
