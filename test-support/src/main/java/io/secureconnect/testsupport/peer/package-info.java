/** A peer service that answers badly, for tests that a service refuses rather than guesses (fault injection). */
package io.secureconnect.testsupport.peer;
