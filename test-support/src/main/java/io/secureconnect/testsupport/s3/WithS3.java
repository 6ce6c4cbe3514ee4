package io.secureconnect.testsupport.s3;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring Boot test's {@code secureconnect.storage.s3.endpoint}, {@code .access-key}, {@code .secret-key}
 * and {@code .region} at the JVM's shared {@link S3TestServer}, which is also the bean {@code s3TestServer}.
 * Tests share the server, so each should use buckets or keys of its own.
 *
 * @see S3ContextCustomizerFactory
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithS3 {
}
