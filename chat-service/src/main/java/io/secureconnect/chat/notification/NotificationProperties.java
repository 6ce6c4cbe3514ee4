package io.secureconnect.chat.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inbox settings ({@code secureconnect.chat.notifications.*}).
 *
 * @param retention     notifications older than this are deleted, read or not
 * @param cleanupEvery  how often the old ones are looked for
 */
@ConfigurationProperties("secureconnect.chat.notifications")
public record NotificationProperties(
        @DefaultValue("90d") Duration retention,
        @DefaultValue("1h") Duration cleanupEvery) {
}
