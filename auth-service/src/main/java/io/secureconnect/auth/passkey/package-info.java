/**
 * Passkeys (WebAuthn): registering and naming them, passwordless sign-in with a discoverable credential, and a
 * passkey as the second factor; Spring Security's WebAuthn relying-party operations (webauthn4j) check the
 * ceremonies, their challenges are kept in PostgreSQL.
 */
package io.secureconnect.auth.passkey;
