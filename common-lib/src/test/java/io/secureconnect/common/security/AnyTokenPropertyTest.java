package io.secureconnect.common.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import io.secureconnect.testsupport.jwt.TestJwks;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Whatever a client sends as a token, the shared validation rejects it as a bad token (which every service answers
 * with 401), never with another kind of failure that would surface as a 500 or a 503.
 */
class AnyTokenPropertyTest {

    private static final JwtDecoder DECODER = decoder();

    @Property(tries = 1000)
    void anyTextIsRejectedAsABadToken(@ForAll String token) {
        assertThatThrownBy(() -> DECODER.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Property(tries = 1000)
    void anyThreePartTokenOfRandomBytesIsRejectedAsABadToken(@ForAll("jwtShaped") String token) {
        assertThatThrownBy(() -> DECODER.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Provide
    Arbitrary<String> jwtShaped() {
        Arbitrary<String> segment = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(bytes -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        Arbitrary<String> header = Arbitraries.of("{\"alg\":\"ES256\"}", "{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}",
                        "{\"alg\":\"ES256\",\"kid\":\"" + TestJwks.shared().keyId() + "\"}", "{}", "[]", "null")
                .map(json -> Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes()));
        return Arbitraries.oneOf(List.of(header, segment)).flatMap(first ->
                segment.list().ofSize(2).map(rest -> first + "." + rest.get(0) + "." + rest.get(1)));
    }

    private static JwtDecoder decoder() {
        return JwtValidation.decoder(new SecurityProperties(TestJwks.shared().jwksUri(), "secureconnect", "secureconnect",
                List.of(), "unused", 0), List.of());
    }
}
