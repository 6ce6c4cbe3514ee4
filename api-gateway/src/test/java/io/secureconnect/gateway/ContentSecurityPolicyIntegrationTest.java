package io.secureconnect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.secureconnect.testsupport.FreePorts;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * S22: the web client's page may connect to its own origin, the configured public WebSocket origin and the S3
 * origin presigned URLs point at, and nowhere else: no wildcard, no bare scheme. Its only inline script is the
 * import map of the vendored libraries, allowed by the hash of the map in the page actually served.
 */
@WithRedis
@WithTestJwks
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "SC_PUBLIC_URL=https://chat.example.com/",
    "SC_STORAGE_PUBLIC_ORIGINS=https://files.example.com/secureconnect-files,http://127.0.0.1:9000"})
class ContentSecurityPolicyIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void downstreamsThatAreDown(DynamicPropertyRegistry properties) {
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        for (String service : new String[] {"AUTH", "CHAT", "VIDEO", "STORAGE"}) {
            properties.add("SC_" + service + "_URL", () -> nobody);
        }
    }

    @Test
    void pageConnectsOnlyToItsOwnOriginThePublicSocketOriginAndStorage() throws Exception {
        for (String path : new String[] {"/", "/index.html", "/verify-email?token=abc", "/reset-password?token=abc"}) {
            HttpResponse<String> page = get(path);

            assertThat(page.headers().allValues("Content-Security-Policy")).as(path).hasSize(1);
            Map<String, List<String>> policy = directives(page.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertThat(policy.get("connect-src")).as(path)
                    .containsExactly("'self'", "wss://chat.example.com", "https://files.example.com", "http://127.0.0.1:9000");
            assertThat(policy.get("script-src")).as("scripts from the gateway, and the served page's import map by its hash")
                    .containsExactly("'self'", "'sha256-" + sha256OfImportMap(page.body()) + "'");
            assertThat(policy.get("worker-src")).as("the call media worker, from the gateway only")
                    .containsExactly("'self'");
            assertThat(policy.get("frame-ancestors")).containsExactly("'none'");
            assertThat(policy.get("connect-src")).as("no wildcard and no bare scheme (https:, wss:)")
                    .noneMatch(source -> source.contains("*") || source.matches("[a-z-]+:"));
            assertThat(policy.values()).flatMap(Function.identity()).noneMatch(source -> source.contains("*"));
        }
    }

    @Test
    void thePageItselfNamesNoPolicyThatCouldWidenOrNarrowTheHeader() throws Exception {
        assertThat(get("/").body()).doesNotContain("Content-Security-Policy");
    }

    private static String sha256OfImportMap(String page) throws Exception {
        int start = page.indexOf("<script type=\"importmap\">") + "<script type=\"importmap\">".length();
        String importMap = page.substring(start, page.indexOf("</script>", start));
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(importMap.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, List<String>> directives(String policy) {
        return Arrays.stream(policy.split(";")).map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> d.split("\\s+"))
                .collect(Collectors.toMap(d -> d[0], d -> List.of(d).subList(1, d.length)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
