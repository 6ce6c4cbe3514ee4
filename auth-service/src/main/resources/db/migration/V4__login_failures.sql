-- Failed logins, counted per email (whether or not an account has it, so a lockout reveals nothing) and per IP.
CREATE TABLE login_failures (
    id         bigserial   PRIMARY KEY,
    email      text        NOT NULL,
    ip         text,
    failed_at  timestamptz NOT NULL
);

CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at);

CREATE TABLE account_lockouts (
    email         text        PRIMARY KEY,
    locked_until  timestamptz NOT NULL
);
