/** Authenticator-app codes (RFC 6238) for tests that sign in with a second factor. */
package io.secureconnect.testsupport.totp;
