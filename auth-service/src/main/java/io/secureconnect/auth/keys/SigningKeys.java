package io.secureconnect.auth.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import io.secureconnect.auth.AuthProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The ES256 key that signs access tokens (and the previous one while keys rotate). Read from a JWK file (a mounted secret in production); for local runs
 * generated once and kept in the data directory, so tokens survive a restart. The key id is the key's thumbprint.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final ECKey current;
    private final ECKey previous;

    public SigningKeys(AuthProperties properties) {
        this.current = loadOrGenerate(properties.signingKeyFile(), properties.generateSigningKey());
        this.previous = properties.previousSigningKeyFile() == null ? null
                : loadOrGenerate(properties.previousSigningKeyFile(), false);
    }

    public ECKey current() {
        return current;
    }

    /**
     * The public keys resource servers verify with: the current one, and during a rotation the previous one, so
     * tokens signed before the switch stay valid until they expire.
     */
    public JWKSet publicKeys() {
        return previous == null ? new JWKSet(List.of(current.toPublicJWK()))
                : new JWKSet(List.of(current.toPublicJWK(), previous.toPublicJWK()));
    }

    public Map<String, Object> publicKeysJson() {
        return publicKeys().toJSONObject(true);
    }

    private static ECKey loadOrGenerate(Path file, boolean generate) {
        try {
            if (Files.exists(file)) {
                return ECKey.parse(Files.readString(file));
            }
            if (!generate) {
                throw new IllegalStateException("No JWT signing key at " + file
                        + " and secureconnect.auth.generate-signing-key is false");
            }
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
            write(file, key.toJSONString());
            log.info("Generated a new JWT signing key {} at {}", key.getKeyID(), file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the JWT signing key at " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Invalid JWT signing key at " + file, e);
        }
    }

    private static void write(Path file, String json) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".jwt-key", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on the directory's permissions
        }
        Files.writeString(temporary, json);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
