package io.secureconnect.auth.mail;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How auth-service's mails leave.
 *
 * @param from      the sender address of every mail
 * @param outboxDir without an SMTP server ({@code spring.mail.host}), mails are written here as {@code .eml} files
 * @param sender    the background sender that empties the outbox table
 */
@Validated
@ConfigurationProperties("secureconnect.mail")
public record MailProperties(@NotBlank String from, @NotNull Path outboxDir, @Valid @DefaultValue Sender sender) {

    /**
     * @param enabled        false only in tests that drive {@link OutboxSender#sendDue()} themselves
     * @param pollInterval   how often the outbox is looked at; a mail waits at most this long before it leaves
     * @param firstRetry     wait after the first failed delivery; each further failure doubles it
     * @param maxRetry       the longest wait between two attempts
     * @param lease          how long a mail being sent stays claimed: if its sender dies, another takes it after this
     * @param giveUpAfter    a mail still undelivered this long after it was asked for is dropped (its link has
     *                       expired by then, or soon will)
     */
    public record Sender(@DefaultValue("true") boolean enabled,
                         @NotNull @DefaultValue("500ms") Duration pollInterval,
                         @NotNull @DefaultValue("5s") Duration firstRetry,
                         @NotNull @DefaultValue("10m") Duration maxRetry,
                         @NotNull @DefaultValue("2m") Duration lease,
                         @NotNull @DefaultValue("24h") Duration giveUpAfter) {

        public Sender {
            if (pollInterval.isZero() || pollInterval.isNegative() || firstRetry.isNegative()
                    || maxRetry.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("mail sender: poll-interval must be positive and max-retry >= first-retry");
            }
        }

        /** The wait before attempt {@code failures + 1}: doubling from {@code firstRetry}, capped at {@code maxRetry}. */
        Duration retryAfter(int failures) {
            Duration wait = firstRetry;
            for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
        }
    }
}
