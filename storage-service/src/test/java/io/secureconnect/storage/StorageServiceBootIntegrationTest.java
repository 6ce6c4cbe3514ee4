package io.secureconnect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.secureconnect.testsupport.contract.ServiceConventionsContract;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The storage service boots on a fresh database, migrates it, and follows the shared conventions. */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageServiceBootIntegrationTest extends ServiceConventionsContract {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migrationsCreateTheServiceTables() {
        var tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list();

        assertThat(tables).contains("files");
    }
}
