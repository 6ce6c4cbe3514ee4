-- One login per service that owns only its own database, and the audit trail's two roles (issue 18, S13):
--   audit_owner   owns the audit database and its schema; only the migration job logs in with it
--   audit_writer  a group without login that may add and read audit rows, nothing else (the audit migrations grant
--                 it SELECT and INSERT on audit_events and the partition function: no UPDATE, DELETE or TRUNCATE)
--   audit_app     the login the services write the audit trail with, a member of audit_writer
-- A psql script, run as the server's administrator: by init-databases.sh when the compose volume is new, by the
-- Kubernetes Job postgres-roles, or by hand. Passwords come from the environment (psql \getenv), never from here.
-- Re-running it is safe: missing roles and databases are created, passwords and ownership set again.
-- `-v prefix=...` puts a prefix before every role and database name it creates (ops-tests use a throwaway one);
-- the audit_writer group keeps its name because the audit migrations grant to it.
\set ON_ERROR_STOP on
\if :{?prefix}
\else
\set prefix ''
\endif
\getenv auth_password AUTH_DB_PASSWORD
\getenv chat_password CHAT_DB_PASSWORD
\getenv video_password VIDEO_DB_PASSWORD
\getenv storage_password STORAGE_DB_PASSWORD
\getenv audit_owner_password AUDIT_OWNER_PASSWORD
\getenv audit_password AUDIT_DB_PASSWORD

\set auth_role :prefix auth_service
\set chat_role :prefix chat_service
\set video_role :prefix video_service
\set storage_role :prefix storage_service
\set audit_owner :prefix audit_owner
\set audit_login :prefix audit_app
\set auth_db :prefix auth
\set chat_db :prefix chat
\set video_db :prefix video
\set storage_db :prefix storage
\set audit_db :prefix audit

-- roles: logins without any administrative right
SELECT format('CREATE ROLE %I', name) FROM unnest(ARRAY[:'auth_role', :'chat_role', :'video_role', :'storage_role',
        :'audit_owner', :'audit_login', 'audit_writer']) AS name
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) \gexec
ALTER ROLE :"auth_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'auth_password';
ALTER ROLE :"chat_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'chat_password';
ALTER ROLE :"video_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'video_password';
ALTER ROLE :"storage_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'storage_password';
ALTER ROLE :"audit_owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'audit_owner_password';
ALTER ROLE :"audit_login" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'audit_password';
ALTER ROLE audit_writer NOLOGIN;
GRANT audit_writer TO :"audit_login";

-- one database per service, owned by its login and closed to every other (no CONNECT for PUBLIC)
SELECT format('CREATE DATABASE %I OWNER %I', db, owner)
FROM (VALUES (:'auth_db', :'auth_role'), (:'chat_db', :'chat_role'), (:'video_db', :'video_role'),
             (:'storage_db', :'storage_role'), (:'audit_db', :'audit_owner')) AS wanted(db, owner)
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = db) \gexec
ALTER DATABASE :"auth_db" OWNER TO :"auth_role";
ALTER DATABASE :"chat_db" OWNER TO :"chat_role";
ALTER DATABASE :"video_db" OWNER TO :"video_role";
ALTER DATABASE :"storage_db" OWNER TO :"storage_role";
ALTER DATABASE :"audit_db" OWNER TO :"audit_owner";
REVOKE ALL ON DATABASE :"auth_db", :"chat_db", :"video_db", :"storage_db", :"audit_db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"audit_db" TO audit_writer;

-- in the audit database nobody but its owner creates anything; the writers only use the schema
\connect :"audit_db"
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO audit_writer;
