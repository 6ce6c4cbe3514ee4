package io.secureconnect.auth.sso;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Removes sign-ins and tickets that expired unused, so the tables hold only what is in flight. */
@Component
class SsoHousekeeping {

    private final PendingLoginRepository pending;
    private final TicketRepository tickets;
    private final Clock clock;

    SsoHousekeeping(PendingLoginRepository pending, TicketRepository tickets, Clock clock) {
        this.pending = pending;
        this.tickets = tickets;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void removeExpired() {
        pending.deleteExpired(clock.instant());
        tickets.deleteExpired(clock.instant());
    }
}
