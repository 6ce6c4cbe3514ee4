package io.secureconnect.testsupport.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring Boot test's {@code spring.data.redis.*} at the shared Redis ({@code SC_TEST_REDIS_URL}), on a
 * database index of its own (1..15, emptied when the context starts). The {@link RedisDatabase} is the bean
 * {@code testRedisDatabase}. Tests that stop Redis use {@link RedisServerExtension} instead.
 *
 * @see RedisContextCustomizerFactory
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithRedis {
}
