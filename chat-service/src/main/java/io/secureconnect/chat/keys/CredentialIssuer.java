package io.secureconnect.chat.keys;

import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * chat-service as the MLS authentication service: it signs each device's credential, a compact JWS (ES256, with a
 * {@code kid}) of {@code {"sub": userId, "dev": deviceId, "sig": base64url(signature key), "iat"}}, which clients
 * verify against {@link #publicKeys()} before they accept a leaf. It signs only for the caller's own user.
 *
 * <p>Every instance must sign with the same key, so the key pair lives in PostgreSQL: the first instance that needs
 * it generates one and offers it, and every instance uses the one that was kept (see {@link IssuerKeyRepository}).
 * The private key is stored unencrypted in the chat database (V8 says what that means).
 */
@Component
class CredentialIssuer {

    private static final Logger log = LoggerFactory.getLogger(CredentialIssuer.class);

    private final IssuerKeyRepository keys;
    private volatile ECKey signingKey;

    CredentialIssuer(IssuerKeyRepository keys) {
        this.keys = keys;
    }

    String issue(UUID userId, String deviceId, byte[] signatureKey, Instant issuedAt) {
        ECKey key = signingKey();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId.toString()).claim("dev", deviceId)
                .claim("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(signatureKey))
                .issueTime(Date.from(issuedAt)).build();
        SignedJWT credential = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            credential.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a device credential", e);
        }
        return credential.serialize();
    }

    /** The issuer's public keys as a JWKS: the active one, and any retired one whose credentials are still out. */
    Map<String, Object> publicKeys() {
        signingKey(); // a client may ask before any device was registered
        List<JWK> published = keys.all().stream().<JWK>map(stored -> parse(stored.privateJwk()).toPublicJWK()).toList();
        return new JWKSet(published).toJSONObject(true);
    }

    private ECKey signingKey() {
        ECKey key = signingKey;
        if (key == null) {
            synchronized (this) {
                if (signingKey == null) {
                    signingKey = loadOrCreate();
                }
                key = signingKey;
            }
        }
        return key;
    }

    private ECKey loadOrCreate() {
        var stored = keys.active();
        if (stored.isPresent()) {
            return parse(stored.get().privateJwk());
        }
        ECKey candidate = generate();
        if (keys.offer(candidate.getKeyID(), candidate.toJSONString())) {
            log.info("Generated the MLS credential issuer key {}", candidate.getKeyID());
        }
        return parse(keys.active().orElseThrow(() -> new IllegalStateException("No active credential issuer key"))
                .privateJwk());
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the credential issuer key", e);
        }
    }

    private static ECKey parse(String jwk) {
        try {
            return ECKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("The stored credential issuer key is not a valid EC JWK", e);
        }
    }
}
