package io.secureconnect.auth.passkey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.stereotype.Repository;

/** Passkeys in PostgreSQL: the credential Spring Security's WebAuthn support checks, and its owner's name for it. */
@Repository
class PasskeyRepository {

    private static final String RECORD_COLUMNS = """
            user_id, credential_id, name, public_key_cose, signature_count, uv_initialized, backup_eligible,
            backup_state, transports, attestation_object, attestation_client_data, created_at, last_used_at
            """;

    private final JdbcClient jdbc;

    PasskeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID userId, CredentialRecord record, Instant createdAt) {
        jdbc.sql("""
                INSERT INTO passkeys (id, user_id, credential_id, name, public_key_cose, signature_count,
                                      uv_initialized, backup_eligible, backup_state, transports, attestation_object,
                                      attestation_client_data, created_at)
                VALUES (:id, :userId, :credentialId, :name, :publicKey, :signatureCount, :uvInitialized,
                        :backupEligible, :backupState, :transports, :attestationObject, :clientData, :createdAt)
                """)
                .param("id", id)
                .param("userId", userId)
                .param("credentialId", record.getCredentialId().getBytes())
                .param("name", record.getLabel())
                .param("publicKey", record.getPublicKey().getBytes())
                .param("signatureCount", record.getSignatureCount())
                .param("uvInitialized", record.isUvInitialized())
                .param("backupEligible", record.isBackupEligible())
                .param("backupState", record.isBackupState())
                .param("transports", record.getTransports().stream().map(AuthenticatorTransport::getValue)
                        .sorted().collect(Collectors.joining(",")))
                .param("attestationObject", bytes(record.getAttestationObject()))
                .param("clientData", bytes(record.getAttestationClientDataJSON()))
                .param("createdAt", Timestamp.from(createdAt))
                .update();
    }

    Optional<CredentialRecord> findByCredentialId(byte[] credentialId) {
        return jdbc.sql("SELECT " + RECORD_COLUMNS + " FROM passkeys WHERE credential_id = :credentialId")
                .param("credentialId", credentialId)
                .query(PasskeyRepository::record)
                .optional();
    }

    /**
     * The owner of a credential, its row locked until the transaction ends, so the passkey cannot be deleted (and then
     * written back by the end of an assertion) while one is being checked.
     */
    Optional<UUID> lockOwner(byte[] credentialId) {
        return jdbc.sql("SELECT user_id FROM passkeys WHERE credential_id = :credentialId FOR UPDATE")
                .param("credentialId", credentialId)
                .query(UUID.class)
                .optional();
    }

    boolean exists(byte[] credentialId) {
        return jdbc.sql("SELECT count(*) FROM passkeys WHERE credential_id = :credentialId")
                .param("credentialId", credentialId).query(Integer.class).single() > 0;
    }

    List<CredentialRecord> findRecordsByUser(UUID userId) {
        return jdbc.sql("SELECT " + RECORD_COLUMNS + " FROM passkeys WHERE user_id = :userId ORDER BY created_at")
                .param("userId", userId)
                .query(PasskeyRepository::record)
                .list();
    }

    /**
     * Records a use whose signature counter went up (WebAuthn §6.1.1: both zero means the authenticator keeps no
     * counter); false, and nothing written, when it did not, which is how a cloned authenticator shows.
     */
    boolean recordUse(byte[] credentialId, long signatureCount, boolean backupState, Instant at) {
        return jdbc.sql("""
                UPDATE passkeys SET signature_count = :count, backup_state = :backupState, last_used_at = :at
                WHERE credential_id = :credentialId AND (:count > signature_count OR (:count = 0 AND signature_count = 0))
                """)
                .param("count", signatureCount)
                .param("backupState", backupState)
                .param("at", Timestamp.from(at))
                .param("credentialId", credentialId)
                .update() == 1;
    }

    List<Passkey> findByUser(UUID userId) {
        return jdbc.sql("SELECT id, name, created_at, last_used_at FROM passkeys WHERE user_id = :userId ORDER BY created_at, id")
                .param("userId", userId)
                .query(PasskeyRepository::passkey)
                .list();
    }

    Optional<Passkey> findPasskey(byte[] credentialId) {
        return jdbc.sql("SELECT id, name, created_at, last_used_at FROM passkeys WHERE credential_id = :credentialId")
                .param("credentialId", credentialId)
                .query(PasskeyRepository::passkey)
                .optional();
    }

    Optional<Passkey> rename(UUID id, UUID userId, String name) {
        return jdbc.sql("""
                UPDATE passkeys SET name = :name WHERE id = :id AND user_id = :userId
                RETURNING id, name, created_at, last_used_at
                """)
                .param("name", name).param("id", id).param("userId", userId)
                .query(PasskeyRepository::passkey)
                .optional();
    }

    boolean delete(UUID id, UUID userId) {
        return jdbc.sql("DELETE FROM passkeys WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId).update() == 1;
    }

    void deleteByCredentialId(byte[] credentialId) {
        jdbc.sql("DELETE FROM passkeys WHERE credential_id = :credentialId").param("credentialId", credentialId).update();
    }

    int deleteAll(UUID userId) {
        return jdbc.sql("DELETE FROM passkeys WHERE user_id = :userId").param("userId", userId).update();
    }

    int count(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM passkeys WHERE user_id = :userId")
                .param("userId", userId).query(Integer.class).single();
    }

    private static Passkey passkey(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new Passkey(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(), lastUsed == null ? null : lastUsed.toInstant());
    }

    private static CredentialRecord record(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        Instant created = rs.getTimestamp("created_at").toInstant();
        return ImmutableCredentialRecord.builder()
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                .credentialId(new Bytes(rs.getBytes("credential_id")))
                .userEntityUserId(UserHandle.of(rs.getObject("user_id", UUID.class)))
                .publicKey(new ImmutablePublicKeyCose(rs.getBytes("public_key_cose")))
                .signatureCount(rs.getLong("signature_count"))
                .uvInitialized(rs.getBoolean("uv_initialized"))
                .backupEligible(rs.getBoolean("backup_eligible"))
                .backupState(rs.getBoolean("backup_state"))
                .transports(transports(rs.getString("transports")))
                .attestationObject(new Bytes(rs.getBytes("attestation_object")))
                .attestationClientDataJSON(new Bytes(rs.getBytes("attestation_client_data")))
                .label(rs.getString("name"))
                .created(created)
                .lastUsed(lastUsed == null ? created : lastUsed.toInstant())
                .build();
    }

    private static Set<AuthenticatorTransport> transports(String column) {
        return Arrays.stream(column.split(",")).filter(value -> !value.isEmpty())
                .map(AuthenticatorTransport::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private static byte[] bytes(Bytes value) {
        return value == null ? new byte[0] : value.getBytes();
    }
}
