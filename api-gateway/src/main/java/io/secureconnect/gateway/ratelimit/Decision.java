package io.secureconnect.gateway.ratelimit;

/** The answer of a bucket: allowed or not, what is left, and when to come back. */
record Decision(boolean allowed, long remaining, long retryAfterMillis) {
}
