/** A clock tests move instead of waiting for the real one. */
package io.secureconnect.testsupport.time;
