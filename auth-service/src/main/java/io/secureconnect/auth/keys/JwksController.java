package io.secureconnect.auth.keys;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.secureconnect.common.apidocs.ApiErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the public signing keys for the gateway and every resource server. */
@RestController
@Tag(name = "Signing Keys", description = "The public keys that verify access tokens, for the gateway and every"
        + " service that accepts them.")
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    /** Describes the map {@link SigningKeys#publicKeysJson} answers, for the API description only. */
    @Schema(name = "JwkSet", description = "A JSON Web Key Set (RFC 7517)")
    record JwkSet(@Schema(description = "Public JSON Web Keys: `kty`, `crv`, `x`, `y`, `kid`, `use`, `alg`",
            requiredMode = Schema.RequiredMode.REQUIRED) List<Map<String, Object>> keys) {
    }

    @Operation(operationId = "getJwks", summary = "The token signing keys (JWKS)",
            description = "A JSON Web Key Set (RFC 7517) of the ES256 keys that sign access tokens: the current one"
                    + " and, during a key rotation, the previous one. Cacheable for 5 minutes.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(implementation = JwkSet.class),
            examples = @ExampleObject(name = "es256", summary = "One P-256 key",
                    description = "The current key; during a rotation the previous one follows it", value = """
                    {"keys": [{"kty": "EC", "use": "sig", "crv": "P-256",
                      "kid": "MkQ7fJ0n1xL2yZ3aB4cD5eF6gH7iJ8kL9mN0oP1qR2s",
                      "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                      "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "alg": "ES256"}]}""")))
    @ApiErrors({})
    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeysJson());
    }
}
