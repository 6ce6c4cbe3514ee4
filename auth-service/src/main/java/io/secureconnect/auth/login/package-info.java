/** Logging in: the {@link io.secureconnect.auth.login.LoggingIn} use case and the rules every login passes. */
package io.secureconnect.auth.login;
