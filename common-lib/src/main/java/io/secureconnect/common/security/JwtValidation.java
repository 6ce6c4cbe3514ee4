package io.secureconnect.common.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The token rules shared by the MVC services and the WebFlux gateway, so "valid token" means the same everywhere:
 * ES256 signature from the JWKS, issuer, audience, expiry (with the default 60 s skew), plus any extra validators
 * a service contributes (the revocation check). Roles in the {@code roles} claim become {@code ROLE_*} authorities.
 */
public final class JwtValidation {

    private JwtValidation() {
    }

    /** The decoder of the MVC services: keys from the JWKS URI (fetched lazily, cached), ES256 only, our rules. */
    public static NimbusJwtDecoder decoder(SecurityProperties properties, List<OAuth2TokenValidator<Jwt>> extra) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(validator(properties, extra));
        return decoder;
    }

    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties, List<OAuth2TokenValidator<Jwt>> extra) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                audiences -> audiences != null && audiences.contains(properties.audience())));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()));
        validators.addAll(extra);
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    public static Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}
