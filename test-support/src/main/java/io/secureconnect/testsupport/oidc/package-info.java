/**
 * A real OpenID Connect provider for tests: Spring Authorization Server in-process, with switches that make it
 * misbehave the ways a relying party must refuse.
 */
package io.secureconnect.testsupport.oidc;
