/** Typed clients for the internal endpoints services call on each other, and the one way they are configured. */
package io.secureconnect.common.peer;
