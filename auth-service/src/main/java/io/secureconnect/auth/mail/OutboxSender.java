package io.secureconnect.auth.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Empties the {@link MailOutbox} in the background: composes each queued mail once (issuing its link in the same
 * transaction that stores the rendered text), hands it to the {@link MailTransport}, and deletes it once delivered.
 * A failed delivery is retried with a doubling wait; a mail still undelivered after {@code give-up-after} is dropped
 * and logged. Delivery is at least once: a sender that dies between delivery and delete sends the mail again.
 */
@Component
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** Per run, so one poll cannot hold the scheduler's thread for ever while requests keep queueing mails. */
    private static final int MAX_PER_RUN = 100;

    private final MailOutbox outbox;
    private final MailComposer composer;
    private final MailTransport transport;
    private final TransactionTemplate transaction;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final MailProperties.Sender settings;
    private volatile ScheduledFuture<?> polling;

    OutboxSender(MailOutbox outbox, MailComposer composer, MailTransport transport, TransactionTemplate transaction,
               TaskScheduler scheduler, MailProperties properties, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.composer = composer;
        this.transport = transport;
        this.transaction = transaction;
        this.scheduler = scheduler;
        this.settings = properties.sender();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (settings.enabled()) {
            polling = scheduler.scheduleWithFixedDelay(this::sendDueQuietly, settings.pollInterval());
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> running = polling;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Sends what is due now; the number of mails delivered. */
    public synchronized int sendDue() {
        int delivered = 0;
        for (int i = 0; i < MAX_PER_RUN; i++) {
            Instant now = clock.instant();
            Optional<MailOutbox.Pending> claimed = transaction.execute(status -> outbox.claimDue(now, now.plus(settings.lease())));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            Optional<MailOutbox.Pending> ready = rendered(claimed.get());
            if (ready.isPresent() && deliver(ready.get())) {
                delivered++;
            }
        }
        return delivered;
    }

    private void sendDueQuietly() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.error("Mail outbox: sending failed; retrying at the next poll", e);
        }
    }

    /**
     * The claimed mail with its text, composed now (in one transaction with the link it issues) if it was not before;
     * empty when the request needs no mail (the row is gone then) or composing failed (retried later).
     */
    private Optional<MailOutbox.Pending> rendered(MailOutbox.Pending pending) {
        if (pending.rendered() != null) {
            return Optional.of(pending);
        }
        try {
            return transaction.execute(status -> {
                Optional<Mail> mail = composer.compose(pending.request());
                if (mail.isEmpty()) {
                    outbox.remove(pending.id());
                    return Optional.<MailOutbox.Pending>empty();
                }
                outbox.storeRendered(pending.id(), mail.get());
                return Optional.of(pending.withMail(mail.get()));
            });
        } catch (RuntimeException e) {
            retryLater(pending, e);
            return Optional.empty();
        }
    }

    private boolean deliver(MailOutbox.Pending pending) {
        try {
            transport.send(pending.rendered());
            outbox.remove(pending.id());
            return true;
        } catch (RuntimeException e) {
            retryLater(pending, e);
            return false;
        }
    }

    private void retryLater(MailOutbox.Pending pending, RuntimeException failure) {
        int attempts = pending.attempts() + 1;
        Instant now = clock.instant();
        String kind = pending.request().kind();
        if (now.isAfter(pending.createdAt().plus(settings.giveUpAfter()))) {
            outbox.remove(pending.id());
            log.error("Mail outbox: giving up on a \"{}\" mail after {} attempts (last: {})", kind, attempts,
                    failure.getClass().getSimpleName());
            return;
        }
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        outbox.failed(pending.id(), attempts, now.plus(settings.retryAfter(attempts)),
                error.length() > 500 ? error.substring(0, 500) : error);
        // the exception's text may name the recipient: it stays in the outbox row, out of the logs
        log.warn("Mail outbox: a \"{}\" mail failed (attempt {}, {}), retrying in {}", kind, attempts,
                failure.getClass().getSimpleName(), settings.retryAfter(attempts));
    }
}
