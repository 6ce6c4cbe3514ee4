package io.secureconnect.chat.keys;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The credential issuer's key pairs ({@code mls_credential_issuer_keys}), as private JWKs. At most one is active (a
 * unique index), so of several instances offering a first key at once exactly one offer is kept.
 */
@Repository
class IssuerKeyRepository {

    record StoredKey(String kid, String privateJwk, boolean active) {
    }

    private final JdbcClient jdbc;

    IssuerKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the key as the active one unless another key already is; false when another was kept. */
    boolean offer(String kid, String privateJwk) {
        return jdbc.sql("INSERT INTO mls_credential_issuer_keys (kid, private_jwk) VALUES (:kid, :jwk) ON CONFLICT DO NOTHING")
                .param("kid", kid).param("jwk", privateJwk).update() == 1;
    }

    Optional<StoredKey> active() {
        return jdbc.sql("SELECT kid, private_jwk FROM mls_credential_issuer_keys WHERE retired_at IS NULL")
                .query((row, n) -> new StoredKey(row.getString("kid"), row.getString("private_jwk"), true)).optional();
    }

    /** Every key, active or retired, newest first: credentials signed by a retired key still verify. */
    List<StoredKey> all() {
        return jdbc.sql("SELECT kid, private_jwk, retired_at IS NULL AS active FROM mls_credential_issuer_keys ORDER BY created_at DESC")
                .query((row, n) -> new StoredKey(row.getString("kid"), row.getString("private_jwk"), row.getBoolean("active")))
                .list();
    }
}
