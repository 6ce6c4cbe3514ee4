package io.secureconnect.auth.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.secureconnect.common.security.JwtValidation;
import io.secureconnect.common.security.SecurityProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service verifies tokens with the keys it holds instead of fetching its own JWKS over HTTP; the rules
 * (issuer, audience, expiry, extra validators) are the shared ones of common-lib.
 */
@Configuration(proxyBeanMethods = false)
class LocalJwtDecoderConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties,
                          ObjectProvider<OAuth2TokenValidator<Jwt>> extraValidators) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(keys.publicKeys())));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // claims are checked by the validators below
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidation.validator(properties, extraValidators.orderedStream().toList()));
        return decoder;
    }
}
