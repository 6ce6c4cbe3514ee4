package io.secureconnect.chat.push;

import java.net.URI;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's push subscription, which is the device token of a {@code webpush} device: the JSON of
 * {@code PushSubscription.toJSON()}, {@code {"endpoint":…,"keys":{"p256dh":…,"auth":…}}}.
 *
 * @param userAgentKey the browser's ECDH public key, an uncompressed P-256 point (65 bytes)
 * @param authSecret   the 16-byte authentication secret
 */
record WebPushSubscription(URI endpoint, byte[] userAgentKey, byte[] authSecret) {

    /** The subscription in {@code token}, or null when it is not a well-formed one. */
    static WebPushSubscription parse(String token, JsonMapper json) {
        try {
            JsonNode node = json.readTree(token);
            URI endpoint = URI.create(node.path("endpoint").asString());
            byte[] key = Base64.getUrlDecoder().decode(node.path("keys").path("p256dh").asString());
            byte[] auth = Base64.getUrlDecoder().decode(node.path("keys").path("auth").asString());
            boolean valid = endpoint.isAbsolute() && endpoint.getHost() != null && key.length == 65 && key[0] == 4
                    && auth.length == 16;
            return valid ? new WebPushSubscription(endpoint, key, auth) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
