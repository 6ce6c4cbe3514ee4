/** auth-service's internal endpoints (blocks, relations, session status) as interfaces both sides compile against. */
package io.secureconnect.common.peer.auth;
