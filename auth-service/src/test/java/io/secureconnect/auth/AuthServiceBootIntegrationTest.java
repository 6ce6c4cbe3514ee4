package io.secureconnect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.token.AccessTokens;
import io.secureconnect.auth.user.User;
import io.secureconnect.testsupport.contract.ServiceConventionsContract;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The auth service boots on a fresh database, migrates it, and follows the shared conventions. */
@AuthServiceTest
class AuthServiceBootIntegrationTest extends ServiceConventionsContract {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens accessTokens;

    @Override
    protected String validAccessToken() {
        User someone = new User(UUID.randomUUID(), "someone@example.com", "Someone", "unused", true, List.of("user"),
                Instant.now(), null, true);
        return accessTokens.issue(someone, UUID.randomUUID(), someone.roles(), java.util.List.of("pwd"), false).value();
    }

    @Test
    void openApiDescribesTheAuthApi() throws Exception {
        var response = get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/users/me")
                .as("service-to-service routes stay out of the public description").doesNotContain("/internal/");
    }

    @Test
    void migrationsCreateTheServiceTables() {
        var tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list();

        assertThat(tables).contains("users", "sessions");
    }
}
