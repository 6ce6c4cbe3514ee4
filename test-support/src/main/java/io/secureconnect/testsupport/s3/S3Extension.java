package io.secureconnect.testsupport.s3;

import io.secureconnect.testsupport.ServerPerClassExtension;

/**
 * An {@link S3TestServer} of the test class's own, started before its tests (or on first use) and stopped after
 * them; tests receive it as a parameter or through a {@code @RegisterExtension static} field. Spring Boot tests
 * use {@link WithS3}.
 */
public final class S3Extension extends ServerPerClassExtension<S3TestServer> {

    public S3Extension() {
        super(S3TestServer.class, S3TestServer::start);
    }
}
