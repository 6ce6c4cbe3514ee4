-- An email change waits in a one-time token until the new address confirms it.
ALTER TABLE one_time_tokens ADD COLUMN new_email text;
ALTER TABLE one_time_tokens DROP CONSTRAINT one_time_tokens_purpose_check;
ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'reset_password', 'change_email'));

-- a file in storage-service, chosen by the user
ALTER TABLE users ADD COLUMN avatar_file_id uuid;
