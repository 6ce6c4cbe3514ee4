-- Push devices and E2EE key devices belong to the session that registered them and go with it (issue 18, S5).
-- Devices registered before this column existed have no session: they go when every session of the user ends.
ALTER TABLE push_devices ADD COLUMN session_id uuid;
ALTER TABLE device_keys ADD COLUMN session_id uuid;
CREATE INDEX push_devices_session_idx ON push_devices (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX device_keys_session_idx ON device_keys (session_id) WHERE session_id IS NOT NULL;
