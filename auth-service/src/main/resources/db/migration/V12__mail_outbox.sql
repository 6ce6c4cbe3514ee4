-- S8: mails waiting to leave. A request only records what is to be mailed (kind, account or address); the sender
-- resolves the account, issues the link and renders the mail in the background (recipient, subject, body), then
-- delivers it and deletes the row. So a request does the same work whether the address has an account or not,
-- and an acknowledged request's mail survives a restart. A rendered body holds a live link until it is sent.
CREATE TABLE mail_outbox (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL,
    user_id         uuid,
    address         text        NOT NULL,
    recipient       text,
    subject         text,
    body            text,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL
);

CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at);
