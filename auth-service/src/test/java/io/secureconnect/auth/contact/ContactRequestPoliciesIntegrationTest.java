package io.secureconnect.auth.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.auth.block.UserBlocked;
import io.secureconnect.common.web.ApiException;

import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rules a contact request passes, run through {@link Contacts} against the real database. */
@AuthServiceTest
class ContactRequestPoliciesIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Contacts contacts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    private UUID ann;
    private UUID bob;

    @BeforeEach
    void twoUsers() throws Exception {
        AuthClient auth = new AuthClient(port);
        ann = UUID.fromString(auth.register("Ann").get("id").asString());
        bob = UUID.fromString(auth.register("Bob").get("id").asString());
    }

    @Test
    void refusesARequestToOneselfAsToNoSuchUser() {
        assertThatThrownBy(() -> contacts.request(new RequestContact(ann, ann))).satisfies(refusedWith("NOT_FOUND"));
    }

    @Test
    void refusesARequestToAnUnknownUser() {
        assertThatThrownBy(() -> contacts.request(new RequestContact(ann, UUID.randomUUID())))
                .satisfies(refusedWith("NOT_FOUND"));
    }

    @Test
    void refusesARequestAcrossABlockWhoeverBlocked() {
        blocks(bob, ann);

        assertThatThrownBy(() -> contacts.request(new RequestContact(ann, bob))).satisfies(refusedWith("FORBIDDEN"));
        assertThatThrownBy(() -> contacts.request(new RequestContact(bob, ann))).satisfies(refusedWith("FORBIDDEN"));
        assertThat(contacts.outgoing(ann)).isEmpty();
        assertThat(contacts.outgoing(bob)).isEmpty();
    }

    @Test
    void askingAgainWhileARequestIsPendingIsThatSameRequest() {
        Contacts.Outcome first = contacts.request(new RequestContact(ann, bob));

        Contacts.Outcome again = contacts.request(new RequestContact(ann, bob));

        assertThat(again).isEqualTo(first).isInstanceOf(Contacts.Pending.class);
        assertThat(contacts.incoming(bob)).hasSize(1);
    }

    @Test
    void askingSomeoneWhoAskedFirstMakesBothContactsAtOnce() {
        contacts.request(new RequestContact(ann, bob));

        Contacts.Outcome crossing = contacts.request(new RequestContact(bob, ann));

        assertThat(crossing).isEqualTo(new Contacts.Accepted(ann));
        assertThat(contacts.of(ann)).extracting(Contact::userId).containsExactly(bob);
        assertThat(contacts.incoming(ann)).isEmpty();
        assertThat(contacts.incoming(bob)).isEmpty();
    }

    @Test
    void aBlockEndsAPendingRequestBetweenThePair() {
        contacts.request(new RequestContact(ann, bob));

        events.publishEvent(new UserBlocked(bob, ann));

        assertThat(contacts.outgoing(ann)).isEmpty();
        assertThat(contacts.incoming(bob)).isEmpty();
    }

    private void blocks(UUID blocker, UUID blocked) {
        jdbc.sql("INSERT INTO blocks (blocker_id, blocked_id) VALUES (:blocker, :blocked)")
                .param("blocker", blocker).param("blocked", blocked).update();
    }

    private static ThrowingConsumer<Throwable> refusedWith(String code) {
        return thrown -> assertThat(((ApiException) thrown).code().name()).isEqualTo(code);
    }
}
