-- S8: whether others may find the account by its exact email (only once verified), and the lookups each user
-- made, so they can be limited per hour (enumerating addresses one by one).
ALTER TABLE users ADD COLUMN findable_by_email boolean NOT NULL DEFAULT true;

CREATE TABLE email_lookups (
    user_id      uuid        NOT NULL,
    looked_up_at timestamptz NOT NULL
);

CREATE INDEX email_lookups_user_idx ON email_lookups (user_id, looked_up_at);
