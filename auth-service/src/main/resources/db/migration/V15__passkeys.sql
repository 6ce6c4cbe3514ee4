-- Passkeys (WebAuthn credentials): what Spring Security's CredentialRecord holds, plus the name the owner gave it.
-- The WebAuthn user handle is the 16 bytes of users.id, so no separate user-entity table is needed.
CREATE TABLE passkeys (
    id                       uuid        PRIMARY KEY,
    user_id                  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id            bytea       NOT NULL UNIQUE,
    name                     text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
    public_key_cose          bytea       NOT NULL,
    signature_count          bigint      NOT NULL,
    uv_initialized           boolean     NOT NULL,
    backup_eligible          boolean     NOT NULL,
    backup_state             boolean     NOT NULL,
    transports               text        NOT NULL,
    attestation_object       bytea       NOT NULL,
    attestation_client_data  bytea       NOT NULL,
    created_at               timestamptz NOT NULL,
    last_used_at             timestamptz
);

CREATE INDEX passkeys_user_idx ON passkeys (user_id, created_at);

-- The challenge of one WebAuthn ceremony, kept server-side under an opaque id (never in an HTTP session): single
-- use (deleted when answered) and short-lived. A registration and a second-factor challenge belong to a user; a
-- passwordless login challenge to nobody yet.
CREATE TABLE passkey_challenges (
    id          uuid        PRIMARY KEY,
    purpose     text        NOT NULL CHECK (purpose IN ('registration', 'login', 'second_factor')),
    user_id     uuid        REFERENCES users (id) ON DELETE CASCADE,
    challenge   bytea       NOT NULL,
    expires_at  timestamptz NOT NULL,
    CHECK ((purpose = 'login') = (user_id IS NULL))
);

CREATE INDEX passkey_challenges_expiry_idx ON passkey_challenges (expires_at);
