package io.secureconnect.chat.push;

import java.io.IOException;
import java.nio.file.Files;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The APNs provider authentication token: an ES256 JWT ({@code kid} = key id, {@code iss} = team id, {@code iat}).
 * Apple refuses tokens older than an hour and throttles ones renewed more often than every 20 minutes, so one is
 * kept for 50 minutes, or until APNs calls it expired.
 */
final class ApnsProviderToken {

    private static final Duration LIFETIME = Duration.ofMinutes(50);

    private final PushProperties.Apns apns;
    private final ECPrivateKey key;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    ApnsProviderToken(PushProperties.Apns apns) {
        this.apns = apns;
        try {
            this.key = (ECPrivateKey) PemKeys.privateKey(Files.readString(apns.privateKeyFile()), "EC");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the APNs auth key " + apns.privateKeyFile(), e);
        }
    }

    String current() {
        if (Instant.now().isBefore(renewAt)) {
            return token;
        }
        lock.lock();
        try {
            if (!Instant.now().isBefore(renewAt)) {
                token = sign();
                renewAt = Instant.now().plus(LIFETIME);
            }
            return token;
        } finally {
            lock.unlock();
        }
    }

    void expired(String rejected) {
        if (rejected.equals(token)) {
            renewAt = Instant.MIN;
        }
    }

    private String sign() {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(apns.keyId()).build(),
                new JWTClaimsSet.Builder().issuer(apns.teamId()).issueTime(Date.from(Instant.now())).build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the APNs provider token", e);
        }
        return jwt.serialize();
    }
}
