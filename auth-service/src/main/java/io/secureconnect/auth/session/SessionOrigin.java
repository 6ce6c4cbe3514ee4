package io.secureconnect.auth.session;

/**
 * Where a sign-in came from, as the session list shows it: the device name the client gave, its user agent and the
 * client address.
 */
public record SessionOrigin(String deviceName, String userAgent, String ip) {
}
