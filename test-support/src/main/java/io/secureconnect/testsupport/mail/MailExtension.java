package io.secureconnect.testsupport.mail;

import io.secureconnect.testsupport.ServerPerClassExtension;

/**
 * A {@link TestMailServer} of the test class's own, started before its tests (or on first use) and stopped after
 * them; tests receive it as a parameter or through a {@code @RegisterExtension static} field. Spring Boot tests
 * use {@link WithMail}.
 */
public final class MailExtension extends ServerPerClassExtension<TestMailServer> {

    public MailExtension() {
        super(TestMailServer.class, TestMailServer::start);
    }
}
