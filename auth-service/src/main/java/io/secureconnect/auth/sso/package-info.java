/**
 * Single sign-on with OpenID Connect (docs/identity.md): providers from the environment, the redirect flow with
 * state, nonce and PKCE, accounts made or linked from a provider's verified email, and sessions that last only as
 * long as the provider keeps refreshing.
 */
package io.secureconnect.auth.sso;
