package io.secureconnect.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizerFactory;

import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.TestJwksContextCustomizerFactory;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.mail.MailContextCustomizerFactory;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;
import io.secureconnect.testsupport.postgres.PostgresContextCustomizerFactory;
import io.secureconnect.testsupport.redis.RedisContextCustomizerFactory;
import io.secureconnect.testsupport.redis.RedisDatabase;
import io.secureconnect.testsupport.redis.WithRedis;
import io.secureconnect.testsupport.s3.S3ContextCustomizerFactory;
import io.secureconnect.testsupport.s3.S3TestServer;
import io.secureconnect.testsupport.s3.WithS3;

/** What each customizer leaves behind when its context closes, and which contexts they let test classes share. */
class ContextCustomizersIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mailServerOfAContextStopsWithIt() {
        var context = refreshedContext(new MailContextCustomizerFactory(), Annotated.class);
        var mail = context.getBean("testMailServer", TestMailServer.class);
        assertThat(context.getEnvironment().getProperty("spring.mail.port", Integer.class)).isEqualTo(mail.smtpPort());
        assertThat(context.getEnvironment().getProperty("spring.mail.host")).isEqualTo("127.0.0.1");

        context.close();

        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(mail.smtpPort()));
    }

    @Test
    void sharedS3AndJwksServersOutliveTheContextsThatUseThem() throws Exception {
        var s3Context = refreshedContext(new S3ContextCustomizerFactory(), Annotated.class);
        var jwksContext = refreshedContext(new TestJwksContextCustomizerFactory(), Annotated.class);
        assertThat(s3Context.getBean("s3TestServer")).isSameAs(S3TestServer.shared());
        assertThat(jwksContext.getBean("testJwks")).isSameAs(TestJwks.shared());

        s3Context.close();
        jwksContext.close();

        assertThat(get(S3TestServer.shared().endpoint()).statusCode()).isEqualTo(403);
        assertThat(get(TestJwks.shared().jwksUri()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyRedisContextGetsTheNextDatabaseIndexButContextsMayBeShared() {
        var factory = new RedisContextCustomizerFactory();
        var first = refreshedContext(factory, Annotated.class);
        var second = refreshedContext(factory, Annotated.class);
        try {
            var firstDatabase = first.getBean("testRedisDatabase", RedisDatabase.class);
            var secondDatabase = second.getBean("testRedisDatabase", RedisDatabase.class);

            assertThat(secondDatabase.index()).isNotEqualTo(firstDatabase.index());
            assertThat(first.getEnvironment().getProperty("spring.data.redis.url")).isEqualTo(firstDatabase.url())
                    .endsWith("/" + firstDatabase.index());
            assertThat(first.getEnvironment().getProperty("spring.data.redis.database", Integer.class))
                    .isEqualTo(firstDatabase.index());
            assertThat(factory.createContextCustomizer(Annotated.class, List.of()))
                    .isEqualTo(factory.createContextCustomizer(OtherAnnotated.class, List.of()));
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void classesWithoutTheAnnotationAreLeftAlone() {
        List<ContextCustomizerFactory> factories = List.of(new PostgresContextCustomizerFactory(),
                new RedisContextCustomizerFactory(), new S3ContextCustomizerFactory(),
                new MailContextCustomizerFactory(), new TestJwksContextCustomizerFactory());

        assertThat(factories).allSatisfy(factory ->
                assertThat(factory.createContextCustomizer(ContextCustomizersIntegrationTest.class, List.of())).isNull());
    }

    private static GenericApplicationContext refreshedContext(ContextCustomizerFactory factory, Class<?> testClass) {
        var context = new GenericApplicationContext();
        factory.createContextCustomizer(testClass, List.of()).customizeContext(context, null);
        context.refresh();
        return context;
    }

    private HttpResponse<Void> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void connect(int port) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        }
    }

    @WithMail
    @WithRedis
    @WithS3
    @WithTestJwks
    static class Annotated {
    }

    @WithRedis
    static class OtherAnnotated {
    }
}
