package io.secureconnect.chat.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;
import io.secureconnect.testsupport.time.MutableClockConfiguration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A chat-service on a random port with a fresh database, real Redis, the test JWKS, and {@link PeerStub} standing in
 * for auth- and storage-service, on a clock tests can move ({@code MutableClock}). Test classes extend
 * {@link ChatIntegrationTest} for the peer URLs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {// a flood is unmistakable however slowly a loaded test machine sends
                "secureconnect.chat.websocket.frames-per-second=5", "secureconnect.chat.websocket.frame-burst=12",
                "secureconnect.chat.websocket.flood-limit=30"})
@Import({ChatTestConfiguration.class, MutableClockConfiguration.class})
public @interface ChatServiceTest {
}
