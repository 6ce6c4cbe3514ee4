/** The one token bucket every limit in the suite is built on: the gateway's fallback and each socket's frames. */
package io.secureconnect.common.ratelimit;
