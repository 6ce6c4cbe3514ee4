package io.secureconnect.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.common.security.RevokedSessions;
import io.secureconnect.testsupport.mail.TestMailServer;
import io.secureconnect.testsupport.mail.WithMail;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The admin API as an administrator and as everyone else sees it, with the audit trail in a real audit database of
 * this class's own (so editing a row here disturbs no one else's chain).
 */
@AuthServiceTest
@WithMail
@TestPropertySource(properties = {"secureconnect.auth.admin-email=" + AdminApiIntegrationTest.ADMIN_EMAIL,
        "secureconnect.audit.trail.spool-dir=target/audit-spool/${random.uuid}"})
class AdminApiIntegrationTest {

    static final String ADMIN_EMAIL = "chief-admin@example.com";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final TestDatabase AUDIT_DATABASE = TestDatabases.create(); // dropped by a later run's cleanup
    private static final JdbcClient AUDIT = JdbcClient.create(AUDIT_DATABASE.dataSource());

    @DynamicPropertySource
    static void auditDatabase(DynamicPropertyRegistry registry) {
        registry.add("secureconnect.audit.trail.url", AUDIT_DATABASE::jdbcUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    TestMailServer mail;

    private AuthClient client;
    private static final AuthClient.Devices DEVICES = new AuthClient.Devices();
    private static String adminToken;
    private static UUID adminId;

    @BeforeEach
    void anAdministrator() throws Exception {
        client = new AuthClient(port);
        if (client.send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}").statusCode() != 200) {
            client.send("POST", "/api/v1/auth/register", null, "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\""
                    + AuthClient.PASSWORD + "\",\"displayName\":\"Chief Admin\"}");
            // the configured address becomes admin only once its owner follows the link mailed to it
            client.verifyEmail(mail.awaitMessageTo(ADMIN_EMAIL, PATIENCE).body());
        }
        if (adminToken == null) { // once per class: each login of an administrator takes a TOTP code (policy admins)
            JsonNode tokens = client.loginWithSecondFactor(ADMIN_EMAIL, AuthClient.PASSWORD, DEVICES);
            adminToken = tokens.get("accessToken").asString();
            adminId = UUID.fromString(json(client.send("GET", "/api/v1/users/me", adminToken, null)).get("id").asString());
        }
    }

    @Test
    void aNonAdminGets403OnEveryAdminRouteAndEachRefusalIsAudited() throws Exception {
        AuthClient.Account user = client.newAccount("Curious User");
        UUID target = client.newAccount("Target").id();
        List<String[]> routes = List.of(
                new String[] {"GET", "/api/v1/admin/stats", null},
                new String[] {"GET", "/api/v1/admin/users", null},
                new String[] {"POST", "/api/v1/admin/users/" + target + "/ban", "{\"reason\":\"no reason at all\"}"},
                new String[] {"POST", "/api/v1/admin/users/" + target + "/unban", "{}"},
                new String[] {"GET", "/api/v1/admin/audit", null},
                new String[] {"GET", "/api/v1/admin/audit/export", null},
                new String[] {"GET", "/api/v1/admin/audit/verify", null});

        for (String[] route : routes) {
            HttpResponse<String> response = client.send(route[0], route[1], user.accessToken(), route[2]);
            assertThat(response.statusCode()).as(route[0] + " " + route[1]).isEqualTo(403);
            assertThat(json(response).get("code").asString()).isEqualTo("FORBIDDEN");
        }

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(AUDIT.sql("""
                        SELECT resource FROM audit_events
                        WHERE user_id = :user AND action = 'admin.access' AND result = 'denied' ORDER BY seq
                        """).param("user", user.id().toString()).query(String.class).list())
                .hasSize(routes.size())
                .allSatisfy(resource -> assertThat(resource).contains("/api/v1/admin/")));
        assertThat(client.send("GET", "/api/v1/users/me", user.accessToken(), null).statusCode())
                .as("the target was not banned by the refused call").isEqualTo(200);
    }

    @Test
    void aBanEndsTheUsersSessionsAtOnceRefusesLoginAndAnUnbanRestoresIt() throws Exception {
        AuthClient.Account user = client.newAccount("Troublemaker");
        assertThat(client.send("GET", "/api/v1/users/me", user.accessToken(), null).statusCode()).isEqualTo(200);

        HttpResponse<String> banned = client.send("POST", "/api/v1/admin/users/" + user.id() + "/ban", adminToken,
                "{\"reason\":\"spamming every group\",\"durationHours\":48}");
        assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
        assertThat(json(banned).get("permanent").asBoolean()).isFalse();
        assertThat(Instant.parse(json(banned).get("until").asString())).isAfter(Instant.now().plus(Duration.ofHours(47)));

        assertThat(client.send("GET", "/api/v1/users/me", user.accessToken(), null).statusCode())
                .as("the access token issued before the ban").isEqualTo(401);
        assertThat(redis.hasKey(RevokedSessions.redisKey(sessionOf(user.accessToken()))))
                .as("the revoked-session mark every other service checks").isTrue();
        assertThat(client.send("POST", "/api/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + user.refreshToken() + "\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> login = client.send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + user.email() + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(json(login).get("code").asString()).isEqualTo("AUTH_ACCOUNT_BANNED");
        assertThat(client.send("POST", "/api/v1/auth/login", null,
                        "{\"email\":\"" + user.email() + "\",\"password\":\"a wrong password entirely\"}").statusCode())
                .as("without the password nothing tells that the account is banned").isEqualTo(401);

        JsonNode listed = json(client.send("GET", "/api/v1/admin/users?status=banned&search="
                + encode(user.email()), adminToken, null));
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0).get("ban").get("reason").asString()).isEqualTo("spamming every group");

        assertThat(client.send("POST", "/api/v1/admin/users/" + user.id() + "/unban", adminToken,
                "{\"reason\":\"appeal accepted\"}").statusCode()).isEqualTo(204);
        String fresh = client.login(user.email(), AuthClient.PASSWORD).get("accessToken").asString();
        assertThat(client.send("GET", "/api/v1/users/me", fresh, null).statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(AUDIT.sql("""
                        SELECT action FROM audit_events WHERE resource = :user AND user_id = :admin ORDER BY seq
                        """).param("user", "user:" + user.id()).param("admin", adminId.toString())
                .query(String.class).list()).containsSubsequence("admin.user_ban", "admin.user_unban"));
    }

    /** S21: the lockout gate comes before anything looks at a banned account's password. */
    @Test
    void aLockedBannedAccountAnswersLockedEvenToItsRightPassword() throws Exception {
        AuthClient.Account user = client.newAccount("Locked out");
        assertThat(client.send("POST", "/api/v1/admin/users/" + user.id() + "/ban", adminToken,
                "{\"reason\":\"abusive messages in every group\",\"durationHours\":48}").statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(client.send("POST", "/api/v1/auth/login", null, "{\"email\":\"" + user.email()
                    + "\",\"password\":\"guess number " + i + "\"}").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> login = client.send("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + user.email() + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}");

        assertThat(login.statusCode()).isEqualTo(429);
        assertThat(json(login).get("code").asString()).isEqualTo("AUTH_LOCKED");
    }

    @Test
    void anAdministratorCannotBanThemselvesAndReasonsAreChecked() throws Exception {
        assertThat(client.send("POST", "/api/v1/admin/users/" + adminId + "/ban", adminToken,
                "{\"reason\":\"testing the limits\"}").statusCode()).isEqualTo(409);
        UUID someone = client.newAccount("Someone").id();
        assertThat(client.send("POST", "/api/v1/admin/users/" + someone + "/ban", adminToken,
                "{\"reason\":\"short\"}").statusCode()).isEqualTo(400);
        assertThat(client.send("POST", "/api/v1/admin/users/" + someone + "/ban", adminToken,
                "{\"reason\":\"a long enough reason\",\"durationHours\":0}").statusCode()).isEqualTo(400);
        assertThat(client.send("POST", "/api/v1/admin/users/" + UUID.randomUUID() + "/ban", adminToken,
                "{\"reason\":\"a long enough reason\"}").statusCode()).isEqualTo(404);
        assertThat(client.send("POST", "/api/v1/admin/users/" + someone + "/unban", adminToken, "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void statsCountUsersByStatusAndActiveSessions() throws Exception {
        JsonNode before = json(client.send("GET", "/api/v1/admin/stats", adminToken, null));
        client.newAccount("Counted");

        JsonNode after = json(client.send("GET", "/api/v1/admin/stats", adminToken, null));
        assertThat(after.get("usersByStatus").get("unverified").asLong())
                .isEqualTo(before.get("usersByStatus").get("unverified").asLong() + 1);
        assertThat(after.get("activeSessions").asLong()).isEqualTo(before.get("activeSessions").asLong() + 1);
        assertThat(after.get("usersByStatus").has("banned")).isTrue();
        assertThat(after.get("notAvailable").toString()).contains("messagesPerDay", "storageUsedBytes");
    }

    @Test
    void theUserListSearchesSortsAndPagesThroughEveryMatchOnce() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Carol", "alice", "Bob")) {
            client.register(name + " " + tag);
        }

        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(client.send("GET", "/api/v1/admin/users?limit=2&sort=displayName&order=asc&search="
                    + tag + (cursor == null ? "" : "&cursor=" + cursor), adminToken, null));
            page.get("items").forEach(item -> names.add(item.get("displayName").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(names).containsExactly("alice " + tag, "Bob " + tag, "Carol " + tag);
        assertThat(client.send("GET", "/api/v1/admin/users?status=sleeping", adminToken, null).statusCode()).isEqualTo(400);
        assertThat(client.send("GET", "/api/v1/admin/users?cursor=%21%21", adminToken, null).statusCode()).isEqualTo(400);
        assertThat(client.send("GET", "/api/v1/admin/users?limit=0", adminToken, null).statusCode()).isEqualTo(400);
    }

    @Test
    void theAuditTrailIsQueriedByUserAndActionPagedByCursorAndExportedAsCsv() throws Exception {
        AuthClient.Account user = client.newAccount("Audited");
        for (int i = 0; i < 3; i++) {
            client.login(user.email(), AuthClient.PASSWORD);
        }
        String filter = "userId=" + user.id() + "&action=auth.login&result=success";
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(client.send("GET",
                "/api/v1/admin/audit?limit=200&" + filter, adminToken, null)).get("items")).hasSize(4));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(client.send("GET", "/api/v1/admin/audit?limit=3&" + filter
                    + (cursor == null ? "" : "&cursor=" + cursor), adminToken, null));
            page.get("items").forEach(item -> {
                assertThat(item.get("action").asString()).isEqualTo("auth.login");
                seen.add(item.get("eventId").asString());
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).hasSize(4).doesNotHaveDuplicates();

        HttpResponse<String> csv = client.send("GET", "/api/v1/admin/audit/export?" + filter, adminToken, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("event_id,timestamp,service");
        assertThat(lines.subList(1, lines.size())).hasSize(4).allSatisfy(line -> assertThat(line)
                .contains(user.id().toString(), "auth-service", "auth.login", "success"));

        assertThat(client.send("GET", "/api/v1/admin/audit?result=maybe", adminToken, null).statusCode()).isEqualTo(400);
        assertThat(client.send("GET", "/api/v1/admin/audit?from=yesterday", adminToken, null).statusCode()).isEqualTo(400);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> AUDIT.sql("""
                SELECT count(*) FROM audit_events WHERE user_id = :admin AND action = 'admin.api'
                AND resource LIKE 'GET /api/v1/admin/audit/export%'
                """).param("admin", adminId.toString()).query(Long.class).single() == 1);
    }

    @Test
    void editingAnAuditRowInTheDatabaseIsReportedByTheChainVerification() throws Exception {
        AuthClient.Account user = client.newAccount("Witness");
        Instant from = Instant.now().minus(Duration.ofMinutes(10));
        await().atMost(PATIENCE).ignoreExceptions().until(() -> AUDIT.sql(
                "SELECT count(*) FROM audit_events WHERE user_id = :user").param("user", user.id().toString())
                .query(Long.class).single() > 0);
        JsonNode intact = json(client.send("GET", "/api/v1/admin/audit/verify?service=auth-service&from=" + from,
                adminToken, null));
        assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.get("checked").asLong()).isPositive();

        long seq = AUDIT.sql("SELECT min(seq) FROM audit_events WHERE user_id = :user").param("user", user.id().toString())
                .query(Long.class).single();
        try (Connection connection = AUDIT_DATABASE.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica"); // switches the append-only trigger off
            statement.execute("UPDATE audit_events SET result = 'failure' WHERE user_id = '" + user.id() + "' AND seq = " + seq);
        }

        JsonNode broken = json(client.send("GET", "/api/v1/admin/audit/verify?service=auth-service&from=" + from,
                adminToken, null));
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("firstBroken").get("seq").asLong()).isEqualTo(seq);
        assertThat(broken.get("firstBroken").get("problem").asString()).contains("changed");
    }

    private static String sessionOf(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return AuthClient.JSON.readTree(payload).get("sid").asString();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return AuthClient.JSON.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
