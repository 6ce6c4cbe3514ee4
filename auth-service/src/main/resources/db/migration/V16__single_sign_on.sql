-- Issue 22, single sign-on (OpenID Connect). A login in flight between our start and the provider's callback: state,
-- nonce and PKCE verifier stay here, named by the SHA-256 of the browser's cookie. Single use, 10 minutes. A login
-- started by a signed-in user to connect a provider names that user.
CREATE TABLE sso_logins (
    cookie_hash   bytea PRIMARY KEY,
    provider      text        NOT NULL,
    state         text        NOT NULL,
    nonce         text        NOT NULL,
    code_verifier text        NOT NULL,
    link_user_id  uuid REFERENCES users (id) ON DELETE CASCADE,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX sso_logins_expiry_idx ON sso_logins (expires_at);

-- The one-time tickets the callback hands the browser (/sso/complete, /sso/link) and the one-time start addresses
-- of a signed-in link: only their SHA-256, single use, 2 minutes. They carry what the provider said, so the
-- identity is linked and the session bound to the provider's refresh token when the ticket is used.
CREATE TABLE sso_tickets (
    ticket_hash           bytea PRIMARY KEY,
    kind                  text        NOT NULL,
    user_id               uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider              text        NOT NULL,
    subject               text,
    email                 text,
    amr                   text[]      NOT NULL DEFAULT '{fed}',
    refresh_ciphertext    bytea,
    expires_at            timestamptz NOT NULL
);
CREATE INDEX sso_tickets_expiry_idx ON sso_tickets (expires_at);

-- An account's identity at a provider (its "sub"), one per provider and account.
CREATE TABLE sso_identities (
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider  text        NOT NULL,
    subject   text        NOT NULL,
    email     text,
    linked_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, provider),
    UNIQUE (provider, subject)
);

-- A session opened by single sign-on and the provider's refresh token (AES-GCM ciphertext), refreshed at the
-- provider before each refresh of the session.
CREATE TABLE sso_sessions (
    session_id         uuid PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    user_id            uuid  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider           text  NOT NULL,
    refresh_ciphertext bytea NOT NULL
);
