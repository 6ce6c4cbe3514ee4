package io.secureconnect.chat.push;

import java.util.Map;

/**
 * What a push says. {@code body} is null when the content must not leave the server (an {@code e2ee}
 * conversation): the device then shows the title only and fetches what it needs over the API. {@code data} holds
 * ids the app uses to open the right screen; values are strings because FCM's data map only takes strings.
 */
public record PushContent(String kind, String title, String body, Map<String, String> data) {

    public PushContent {
        data = Map.copyOf(data);
    }
}
