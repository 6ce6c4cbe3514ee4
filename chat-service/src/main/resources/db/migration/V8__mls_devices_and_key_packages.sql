-- Issue 21 retires the Signal-style prekey directory (identity keys, signed and one-time prekeys, V2/V4/V6): E2EE is
-- now MLS (docs/e2ee.md), where a device is an MLS leaf with an Ed25519 signature key and others add it to a group
-- with one of its KeyPackages. No client encrypts with the prekeys (the web client never fetched them), and an MLS
-- device cannot be derived from a prekey bundle, so the tables are dropped rather than migrated.
DROP TABLE prekey_fetches;
DROP TABLE one_time_prekeys;
DROP TABLE device_keys;

-- A user's MLS devices. The device id is the client's choice and unique per user; its signature key never changes
-- (a new key is a new device). The device belongs to the session that registered it and goes with it (issue 18,
-- S5); a device registered by a token without a session goes only when every session of the user ends.
-- credential: the compact JWS chat-service signed for this device (the MLS basic credential's identity).
CREATE TABLE mls_devices (
    user_id        uuid        NOT NULL,
    device_id      text        NOT NULL,
    session_id     uuid,
    signature_key  bytea       NOT NULL CHECK (length(signature_key) = 32),
    credential     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
CREATE INDEX mls_devices_session_idx ON mls_devices (session_id) WHERE session_id IS NOT NULL;

-- KeyPackages waiting to be claimed: the MLSMessage exactly as the device uploaded it. ref: the KeyPackage's
-- SHA-256 reference (hex). A one-time package is deleted when it is claimed; the device's one last-resort package
-- is handed out when no other is left, and kept.
CREATE TABLE mls_key_packages (
    ref          text        PRIMARY KEY,
    user_id      uuid        NOT NULL,
    device_id    text        NOT NULL,
    key_package  bytea       NOT NULL,
    last_resort  boolean     NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    FOREIGN KEY (user_id, device_id) REFERENCES mls_devices (user_id, device_id) ON DELETE CASCADE
);
CREATE INDEX mls_key_packages_device_idx ON mls_key_packages (user_id, device_id, last_resort, uploaded_at);
CREATE UNIQUE INDEX mls_key_packages_one_last_resort ON mls_key_packages (user_id, device_id) WHERE last_resort;

-- Who claimed which package for which conversation: an Add in a commit must carry a package handed out for that
-- conversation. claim_id groups the packages of one claim: claims are limited per claimer and user (S7) by
-- counting them. Old claims are deleted by chat-service.
CREATE TABLE mls_key_package_claims (
    ref              text        NOT NULL,
    user_id          uuid        NOT NULL,
    device_id        text        NOT NULL,
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    claimed_by       uuid        NOT NULL,
    claim_id         uuid        NOT NULL,
    claimed_at       timestamptz NOT NULL,
    FOREIGN KEY (user_id, device_id) REFERENCES mls_devices (user_id, device_id) ON DELETE CASCADE
);
CREATE INDEX mls_key_package_claims_ref_idx ON mls_key_package_claims (ref, conversation_id);
CREATE INDEX mls_key_package_claims_pair_idx ON mls_key_package_claims (claimed_by, user_id, claimed_at);
CREATE INDEX mls_key_package_claims_age_idx ON mls_key_package_claims (claimed_at);

-- The ES256 key pair that signs device credentials, shared by every chat-service instance. The first instance that
-- needs it generates one and inserts it if none is active; every instance then uses the active one. The private key
-- is stored as a JWK in clear: whoever can read this database (or a backup of it) can sign a credential for any
-- user, and so slip a device of their own into that user's groups as one of the user's devices (members see it
-- only as an extra device). The database and its backups must be guarded like the signing key they hold; a KMS or
-- an encrypted column would narrow this and is not done.
-- retired_at stays NULL until a rotation retires a key; a retired key is still published so credentials it signed
-- keep verifying.
CREATE TABLE mls_credential_issuer_keys (
    kid          text        PRIMARY KEY,
    private_jwk  text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    retired_at   timestamptz
);
CREATE UNIQUE INDEX mls_credential_issuer_keys_one_active ON mls_credential_issuer_keys ((true)) WHERE retired_at IS NULL;
