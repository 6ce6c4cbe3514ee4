-- A user may hide their last-seen time from everyone (issue 18, S6). Only users who changed the default have a row.
CREATE TABLE presence_settings (
    user_id         uuid        PRIMARY KEY,
    show_last_seen  boolean     NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
