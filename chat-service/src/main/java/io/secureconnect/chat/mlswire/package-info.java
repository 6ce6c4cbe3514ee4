/**
 * Reads MLS messages (RFC 9420) off the wire for the Delivery Service: strict decoding of the TLS presentation
 * language into small records, no cryptography. Anything not well formed is a {@link
 * io.secureconnect.chat.mlswire.MalformedMls}.
 */
package io.secureconnect.chat.mlswire;
