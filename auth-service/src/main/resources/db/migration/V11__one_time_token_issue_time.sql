-- When each link was mailed, so reset mails to one address can be limited per hour (mail bombing, S3)
ALTER TABLE one_time_tokens ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX one_time_tokens_recent_idx ON one_time_tokens (user_id, purpose, created_at);
