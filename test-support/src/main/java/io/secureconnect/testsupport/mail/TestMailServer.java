package io.secureconnect.testsupport.mail;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An in-process SMTP server (GreenMail) on a free loopback port that accepts every mail, so tests can read the
 * verification and password-reset mails a service really sends.
 *
 * <p>{@link #awaitMessageTo} hands out each mailbox's mails in arrival order, each one once: a test that triggers
 * two mails to the same address and awaits twice gets the first, then the second.
 */
public final class TestMailServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final GreenMail greenMail;
    private final int smtpPort;
    private final Map<String, Integer> handedOut = new ConcurrentHashMap<>();

    private TestMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
        this.smtpPort = greenMail.getSmtp().getPort();
    }

    public static TestMailServer start() {
        var greenMail = new GreenMail(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new TestMailServer(greenMail);
    }

    public String host() {
        return HOST;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every mail received so far, one per recipient mailbox. */
    public List<ReceivedMail> receivedMessages() {
        return greenMail.getUserManager().listUser().stream()
                .flatMap(user -> mailbox(user.getEmail()).stream())
                .toList();
    }

    /** The next mail to the address not handed out before, waiting up to 10 seconds for it. */
    public ReceivedMail awaitMessageTo(String address) {
        return awaitMessageTo(address, DEFAULT_TIMEOUT);
    }

    /** The next mail to the address not handed out before, waiting up to {@code timeout} for it. */
    public synchronized ReceivedMail awaitMessageTo(String address, Duration timeout) {
        var key = address.toLowerCase(Locale.ROOT);
        int next = handedOut.getOrDefault(key, 0);
        try {
            var mails = await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> mailbox(address), received -> received.size() > next);
            handedOut.put(key, next + 1);
            return mails.get(next);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + (next == 0 ? "" : "further ") + "mail to " + address + " within "
                    + timeout + "; received: " + receivedMessages().stream()
                            .map(mail -> mail.to() + " \"" + mail.subject() + "\"").toList(), e);
        }
    }

    /** Forgets every mail received so far. */
    public synchronized void clear() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("could not purge mailboxes", e);
        }
        handedOut.clear();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    @Override
    public String toString() {
        return "TestMailServer[smtp://" + HOST + ":" + smtpPort() + "]";
    }

    private List<ReceivedMail> mailbox(String address) {
        // GreenMail's mailbox lists are not safe to walk while a mail is being delivered, which happens whenever a
        // service sends in the background: read again until a walk sees a stable list
        while (true) {
            try {
                return greenMail.findReceivedMessages(user -> isMailboxOf(user, address), message -> true)
                        .map(message -> ReceivedMail.of(address, message))
                        .toList();
            } catch (ConcurrentModificationException e) {
                Thread.onSpinWait();
            }
        }
    }

    private static boolean isMailboxOf(GreenMailUser user, String address) {
        return user.getEmail().equalsIgnoreCase(address);
    }
}
