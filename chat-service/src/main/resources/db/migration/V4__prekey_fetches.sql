-- Who fetched whose key bundles when (S7): a bundle fetch consumes one-time prekeys, so fetches are limited per
-- requester and target. Rows older than the window are deleted by chat-service.
CREATE TABLE prekey_fetches (
    requester_id uuid        NOT NULL,
    target_id    uuid        NOT NULL,
    fetched_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prekey_fetches_pair_idx ON prekey_fetches (requester_id, target_id, fetched_at);
