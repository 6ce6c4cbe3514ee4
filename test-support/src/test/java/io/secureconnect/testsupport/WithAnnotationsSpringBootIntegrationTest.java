package io.secureconnect.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.sql.DataSource;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import io.secureconnect.testsupport.jwt.TestJwks;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.RedisDatabase;
import io.secureconnect.testsupport.redis.WithRedis;
import io.secureconnect.testsupport.s3.S3TestServer;
import io.secureconnect.testsupport.s3.WithS3;

/** The annotations drive real Boot 4 auto-configuration: Hikari, Lettuce and JavaMailSender use what they set. */
@SpringBootTest(classes = WithAnnotationsSpringBootIntegrationTest.App.class,
        properties = {"spring.data.redis.url=redis://127.0.0.1:1/0", "spring.datasource.url=jdbc:postgresql://nowhere/x"})
@WithPostgres
@WithRedis
@WithS3
@WithMail
@WithTestJwks
class WithAnnotationsSpringBootIntegrationTest {

    @Autowired
    Environment environment;

    @Autowired
    TestDatabase testDatabase;

    @Test
    void dataSourceUsesTheFreshDatabaseOfThisTestClass(@Autowired DataSource dataSource) {
        var jdbc = JdbcClient.create(dataSource);

        assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo(testDatabase.name());
        assertThat(dataSource.getClass().getSimpleName()).isEqualTo("HikariDataSource");
    }

    @Test
    void redisTemplateWritesToTheAllocatedDatabaseIndex(@Autowired StringRedisTemplate redis,
            @Autowired RedisConnectionFactory connectionFactory, @Autowired RedisDatabase testRedisDatabase) {
        redis.opsForValue().set("probe", "here");

        assertThat(testRedisDatabase.index()).isBetween(1, 15);
        assertThat(connectionFactory).extracting("database").isEqualTo(testRedisDatabase.index());
        assertThat(redis.opsForValue().get("probe")).isEqualTo("here");
    }

    @Test
    void mailSenderDeliversToTheTestMailServer(@Autowired JavaMailSender sender, @Autowired TestMailServer testMailServer) {
        var message = new SimpleMailMessage();
        message.setFrom("no-reply@secureconnect.test");
        message.setTo("erin@example.test");
        message.setSubject("Welcome");
        message.setText("hello erin");

        sender.send(message);

        assertThat(testMailServer.awaitMessageTo("erin@example.test").body()).isEqualTo("hello erin");
    }

    @Test
    void storagePropertiesPointAtTheSharedS3Server(@Autowired S3TestServer s3TestServer) {
        assertThat(s3TestServer).isSameAs(S3TestServer.shared());
        assertThat(environment.getProperty("secureconnect.storage.s3.endpoint")).isEqualTo(s3TestServer.endpoint());
        assertThat(environment.getProperty("secureconnect.storage.s3.access-key")).isEqualTo(s3TestServer.accessKey());
        assertThat(environment.getProperty("secureconnect.storage.s3.secret-key")).isEqualTo(s3TestServer.secretKey());
        assertThat(environment.getProperty("secureconnect.storage.s3.region")).isEqualTo("us-east-1");
    }

    @Test
    void securityPropertiesPointAtTheServedJwks(@Autowired TestJwks testJwks) throws Exception {
        var jwksUri = environment.getProperty("secureconnect.security.jwks-uri");

        assertThat(jwksUri).isEqualTo(testJwks.jwksUri());
        assertThat(environment.getProperty("secureconnect.security.issuer")).isEqualTo("secureconnect");
        assertThat(environment.getProperty("secureconnect.security.audience")).isEqualTo("secureconnect");
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jwksUri)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains(testJwks.keyId());
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheContextAndDatabaseOfTheEnclosingClass(@Autowired TestDatabase nestedDatabase) {
            assertThat(nestedDatabase).isSameAs(testDatabase);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
