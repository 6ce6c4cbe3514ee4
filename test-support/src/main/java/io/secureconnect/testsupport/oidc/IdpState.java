package io.secureconnect.testsupport.oidc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** What a test changes while the provider runs: its users, how it misbehaves, and the nonce it saw last. */
final class IdpState {

    final Map<String, IdpUser> users = new ConcurrentHashMap<>();
    final AtomicReference<Misbehaviour> misbehaviour = new AtomicReference<>();
    final AtomicReference<String> lastNonce = new AtomicReference<>();
    final String issuer;
    final String clientId;
    final String clientSecret;
    final List<String> redirectUris;

    IdpState(String issuer, String clientId, String clientSecret, List<String> redirectUris) {
        this.redirectUris = List.copyOf(redirectUris);
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    boolean misbehaves(Misbehaviour way) {
        return misbehaviour.get() == way;
    }
}
