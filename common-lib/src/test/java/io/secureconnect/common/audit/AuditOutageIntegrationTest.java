package io.secureconnect.common.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.secureconnect.common.mvc.MvcTestApplication;
import io.secureconnect.testsupport.jwt.TestTokens;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.TestDatabase;
import io.secureconnect.testsupport.postgres.TestDatabases;
import io.secureconnect.testsupport.postgres.WithPostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service built from common-lib's auto-configuration keeps answering while its audit database is cut off, and
 * every event its requests produced meanwhile reaches the database once, in request order, when the network returns.
 */
@WithPostgres
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secureconnect.audit.trail.retry-interval=300ms")
class AuditOutageIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SPOOLED = Pattern.compile("(?m)^audit_events_spooled\\{[^}]*} (\\S+)$");
    private static final TestDatabase AUDIT_DATABASE = TestDatabases.create();
    private static final JdbcClient AUDIT = JdbcClient.create(AUDIT_DATABASE.dataSource());
    private static final CuttableProxy PROXY = proxyTo(AUDIT_DATABASE);

    @DynamicPropertySource
    static void auditDatabaseBehindTheProxy(DynamicPropertyRegistry registry) throws IOException {
        registry.add("secureconnect.audit.trail.url",
                () -> AUDIT_DATABASE.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + PROXY.port() + "/"));
        String spoolDir = Files.createTempDirectory("audit-spool").toString();
        registry.add("secureconnect.audit.trail.spool-dir", () -> spoolDir);
    }

    @AfterAll
    static void closeProxy() throws IOException {
        PROXY.close(); // the database itself is dropped by a later run's cleanup, after this context has closed
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final UUID user = UUID.randomUUID();
    private final String token = TestTokens.accessToken(user);

    @Test
    void deniedRequestsDuringAnAuditDatabaseOutageAreAllRecordedOnceInOrder() throws Exception {
        List<String> requestIds = new ArrayList<>();
        requestIds.addAll(deniedRequests(20));
        await().atMost(PATIENCE).ignoreExceptions().until(() -> rowsOfUser().size() == 20);

        PROXY.cut();
        requestIds.addAll(deniedRequests(30));
        await().atMost(PATIENCE).until(() -> spooled() == 30);

        PROXY.restore();
        requestIds.addAll(deniedRequests(10));
        await().atMost(PATIENCE).until(() -> rowsOfUser().size() == 60 && spooled() == 0);

        assertThat(rowsOfUser()).containsExactlyElementsOf(requestIds);
    }

    /** Requests the user may not make: each is answered 403 and audited as a denial. */
    private List<String> deniedRequests(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = get("/api/v1/forbidden", token);
            assertThat(response.statusCode()).isEqualTo(403);
            Matcher id = REQUEST_ID.matcher(response.body());
            assertThat(id.find()).as(response.body()).isTrue();
            ids.add(id.group(1));
        }
        return ids;
    }

    private List<String> rowsOfUser() {
        return AUDIT.sql("SELECT request_id FROM audit_events WHERE user_id = :user AND result = 'denied' ORDER BY seq")
                .param("user", user.toString()).query(String.class).list();
    }

    private double spooled() throws Exception {
        Matcher value = SPOOLED.matcher(get("/metrics", null).body());
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CuttableProxy proxyTo(TestDatabase database) {
        URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try {
            return new CuttableProxy(direct.getHost(), direct.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
