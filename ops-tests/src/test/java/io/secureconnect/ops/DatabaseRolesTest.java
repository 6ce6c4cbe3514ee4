package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * S13: every service reaches PostgreSQL with its own login, never the administrator, and the audit login may add
 * audit rows but never change or remove one. The last test runs configs/postgres/roles.sql for real, with a prefix on
 * every name so it cannot touch the local installation, and removes what it made.
 */
class DatabaseRolesTest {

    private static final List<String> DATABASE_SERVICES = List.of("auth-service", "chat-service", "video-service",
            "storage-service");
    private static final Pattern CHANGE_GRANT = Pattern.compile(
            "(?is)GRANT\\s+[^;]*\\b(UPDATE|DELETE|TRUNCATE|ALL)\\b[^;]*\\bTO\\s+[^;]*audit_(writer|app)");
    private static final URI SERVER = URI.create(setting("SC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/")
            .substring("jdbc:".length()));
    private static final String HOST = SERVER.getHost();
    private static final String PORT = Integer.toString(SERVER.getPort() < 0 ? 5432 : SERVER.getPort());
    private static final String ADMIN = setting("SC_TEST_PG_USER", "postgres");
    private static final String ADMIN_PASSWORD = setting("SC_TEST_PG_PASSWORD", "");
    private static final String PASSWORD = "ops-" + UUID.randomUUID();

    private final String prefix = "ops_roles_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";

    @Test
    void composeGivesEveryServiceItsOwnLoginAndTheAuditLoginInsteadOfTheAdministrator() {
        Compose production = Compose.production();
        Set<String> logins = new HashSet<>();
        for (String service : DATABASE_SERVICES) {
            Map<String, Object> environment = production.environment(service);
            String user = String.valueOf(environment.get("SC_DB_USER"));
            assertThat(user).as("%s SC_DB_USER", service).isNotIn("null", "postgres").doesNotContain("POSTGRES_USER");
            assertThat(logins.add(user)).as("%s has a login of its own", service).isTrue();
            assertThat(String.valueOf(environment.get("SC_DB_PASSWORD"))).as("%s SC_DB_PASSWORD", service)
                    .startsWith("${").contains(":?").doesNotContain("POSTGRES_PASSWORD");
            assertThat(environment).containsEntry("SC_AUDIT_DB_USER", "audit_app");
            assertThat(String.valueOf(environment.get("SC_AUDIT_CHAIN_KEY"))).startsWith("${AUDIT_CHAIN_KEY:?");
            assertThat(Repo.read("configs/postgres/roles.sql")).contains("\\set " + user.replace("_service", "_role")
                    + " :prefix " + user);
        }
    }

    @Test
    void kubernetesGivesEveryServiceItsOwnLoginFromASecret() {
        for (String service : DATABASE_SERVICES) {
            String manifest = Repo.read("deploy/k8s/base/" + service + ".yaml");
            String role = service.replace("-", "_");
            assertThat(manifest).as(service).contains("name: SC_DB_USER\n              value: " + role)
                    .contains("key: " + service.substring(0, service.indexOf('-')) + "-db-password")
                    .contains("name: SC_AUDIT_DB_USER\n              value: audit_app")
                    .contains("key: audit-chain-key")
                    .doesNotContain("key: postgres-user").doesNotContain("key: postgres-password");
        }
    }

    @Test
    void nothingGrantsTheAuditRolesAnUpdateDeleteOrTruncate() {
        assertThat(CHANGE_GRANT.matcher("GRANT SELECT, UPDATE ON audit_events TO audit_writer;").find())
                .as("the check itself finds such a grant").isTrue();
        List<String> sources = new java.util.ArrayList<>(List.of("configs/postgres/roles.sql"));
        Repo.files("common-lib/src/main/resources/db/audit", ".sql")
                .forEach(f -> sources.add(Repo.ROOT.relativize(f).toString()));
        for (String source : sources) {
            Matcher grant = CHANGE_GRANT.matcher(Repo.read(source));
            assertThat(grant.find()).as("%s grants a change right to an audit role: %s", source,
                    grant.hitEnd() ? "" : grant.group()).isFalse();
        }
    }

    @Test
    void theAuditLoginCanAddRowsButNotChangeOrRemoveThemAndServicesCannotReachEachOthersDatabase() throws Exception {
        Tool.succeed(Repo.path("configs/postgres"), psqlEnvironment(), "psql", "-v", "ON_ERROR_STOP=1", "-v",
                "prefix=" + prefix, "-d", "postgres", "-f", "roles.sql");
        Flyway.configure().dataSource(url(prefix + "audit"), prefix + "audit_owner", PASSWORD)
                .locations("classpath:db/audit").table("audit_schema_history").baselineOnMigrate(true)
                .baselineVersion("0").load().migrate();

        try (Connection audit = DriverManager.getConnection(url(prefix + "audit"), prefix + "audit_app", PASSWORD);
             Statement statement = audit.createStatement()) {
            statement.execute("SELECT audit_create_partition(current_date)");
            statement.execute("""
                    INSERT INTO audit_events (event_id, occurred_at, service, instance_id, seq, action, result,
                                              prev_hash, hash, chain)
                    VALUES (gen_random_uuid(), now(), 'ops', 'i', 1, 'test', 'success', 'p', 'h', 'hmac-sha256')""");
            assertThat(statement.executeQuery("SELECT count(*) FROM audit_events")).satisfies(r -> {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            });
            for (String change : List.of("UPDATE audit_events SET reason = 'x'", "DELETE FROM audit_events",
                    "TRUNCATE audit_events", "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
                    "DROP TABLE audit_events")) {
                assertThatThrownBy(() -> statement.execute(change)).as(change).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(change).isEqualTo("42501"));
            }
        }
        // the services' Flyway check, as audit_app, on a schema its owner migrated: nothing to do, nothing refused
        Flyway.configure().dataSource(url(prefix + "audit"), prefix + "audit_app", PASSWORD)
                .locations("classpath:db/audit").table("audit_schema_history").baselineOnMigrate(true)
                .baselineVersion("0").load().migrate();

        assertThatThrownBy(() -> DriverManager.getConnection(url(prefix + "auth"), prefix + "chat_service", PASSWORD).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("CONNECT");
        try (Connection own = DriverManager.getConnection(url(prefix + "auth"), prefix + "auth_service", PASSWORD);
             Statement statement = own.createStatement()) {
            statement.execute("CREATE TABLE users (id int)"); // what its Flyway does at start-up
        }
    }

    @AfterEach
    void removeWhatRolesSqlMade() throws SQLException {
        try (Connection admin = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD);
             Statement statement = admin.createStatement()) {
            for (String database : List.of("auth", "chat", "video", "storage", "audit")) {
                statement.execute("DROP DATABASE IF EXISTS " + prefix + database + " WITH (FORCE)");
            }
            for (String role : List.of("auth_service", "chat_service", "video_service", "storage_service",
                    "audit_owner", "audit_app")) {
                statement.execute("DROP ROLE IF EXISTS " + prefix + role);
            }
        }
    }

    private static Map<String, String> psqlEnvironment() {
        Map<String, String> environment = new HashMap<>(Map.of("PGHOST", HOST, "PGPORT", PORT, "PGUSER", ADMIN,
                "PGPASSWORD", ADMIN_PASSWORD));
        for (String name : List.of("AUTH_DB_PASSWORD", "CHAT_DB_PASSWORD", "VIDEO_DB_PASSWORD", "STORAGE_DB_PASSWORD",
                "AUDIT_OWNER_PASSWORD", "AUDIT_DB_PASSWORD")) {
            environment.put(name, PASSWORD);
        }
        return environment;
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
