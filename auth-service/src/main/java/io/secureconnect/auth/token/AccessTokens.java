package io.secureconnect.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.secureconnect.auth.AuthProperties;
import io.secureconnect.auth.keys.SigningKeys;
import io.secureconnect.auth.user.User;
import io.secureconnect.common.id.Ids;
import io.secureconnect.common.security.SecurityProperties;

import org.springframework.stereotype.Component;

/** Issues the ES256 access tokens every service verifies (claims of ARCHITECTURE §5). */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final ECDSASigner signer;
    private final SecurityProperties security;
    private final Clock clock;
    private final AuthProperties properties;

    public AccessTokens(SigningKeys keys, SecurityProperties security, AuthProperties properties,
                        Clock clock) throws JOSEException {
        this.clock = clock;
        this.keys = keys;
        this.signer = new ECDSASigner(keys.current());
        this.security = security;
        this.properties = properties;
    }

    /**
     * An access token of {@code sessionId}, carrying the roles this session may use, how it was authenticated
     * ({@code amr}, RFC 8176) and,
     * when policy requires a second factor the user lacks, {@code "mfa_enrolment": true}, which limits it to enrolling
     * one (common-lib's resource-server check and the gateway refuse it elsewhere).
     */
    public IssuedToken issue(User user, UUID sessionId, List<String> roles, List<String> amr, boolean mfaEnrolment) {
        Instant now = clock.instant();
        Instant expiry = now.plus(properties.accessTokenTtl());
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(user.id().toString())
                .issuer(security.issuer())
                .audience(security.audience())
                .jwtID(Ids.newId().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .claim("sid", sessionId.toString())
                .claim("roles", List.copyOf(roles))
                .claim("email_verified", user.emailVerified())
                .claim("amr", List.copyOf(amr));
        if (mfaEnrolment) {
            builder.claim("mfa_enrolment", true);
        }
        JWTClaimsSet claims = builder.build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.current().getKeyID())
                .type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new IssuedToken(jwt.serialize(), properties.accessTokenTtl().toSeconds());
    }

    /** @param expiresIn seconds until the token expires */
    public record IssuedToken(String value, long expiresIn) {
    }
}
