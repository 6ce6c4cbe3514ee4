-- A sign-in ticket, a link ticket and a link start are good only in the browser they were made for: the SHA-256 of
-- that browser's sc_sso cookie, set when the ticket was issued (login CSRF: a ticket sent to someone else's browser
-- must not sign that browser in).
ALTER TABLE sso_tickets ADD COLUMN binding_hash bytea;
