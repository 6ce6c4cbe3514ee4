package io.secureconnect.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * An auth-service test over real HTTP: the whole service on a random port, its own fresh PostgreSQL database, an
 * isolated Redis database and a signing key of its own. Extra settings go in {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithPostgres
@WithRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.auth.signing-key-file=target/test-keys/${random.uuid}.json")
public @interface AuthServiceTest {
}
