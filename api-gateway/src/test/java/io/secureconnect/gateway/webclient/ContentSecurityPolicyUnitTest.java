package io.secureconnect.gateway.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class ContentSecurityPolicyUnitTest {

    private static final WebClientProperties NO_ORIGINS = new WebClientProperties("", List.of());

    @Test
    void theServedPageMayRunItsImportMapAndNoOtherInlineScript() throws Exception {
        String page = new ClassPathResource("META-INF/resources/index.html").getContentAsString(StandardCharsets.UTF_8);
        String importMap = page.substring(page.indexOf("<script type=\"importmap\">") + "<script type=\"importmap\">".length(),
                page.indexOf("</script>", page.indexOf("<script type=\"importmap\">")));

        assertThat(importMap).contains("\"ts-mls\": \"/app/vendor/");
        assertThat(scriptSrc(ContentSecurityPolicy.of(NO_ORIGINS, page)))
                .containsExactly("'self'", "'sha256-" + sha256(importMap) + "'");
    }

    @Test
    void theHashIsOfTheExactTextBetweenTheTagsSoAnEditedMapIsNoLongerAllowed() throws Exception {
        String map = "\n  {\"imports\": {\"x\": \"/app/vendor/x.js\"}}\n";
        String edited = map.replace("x.js", "y.js");

        assertThat(scriptSrc(ContentSecurityPolicy.of(NO_ORIGINS, page(map))))
                .containsExactly("'self'", "'sha256-" + sha256(map) + "'")
                .doesNotContain("'sha256-" + sha256(edited) + "'");
        assertThat(ContentSecurityPolicy.importMapHashes(page(map)))
                .isNotEqualTo(ContentSecurityPolicy.importMapHashes(page(edited)));
    }

    @Test
    void otherInlineScriptsGetNoHash() {
        String page = "<head><script>alert(1)</script><script type=\"module\">import 'x'</script></head>";

        assertThat(scriptSrc(ContentSecurityPolicy.of(NO_ORIGINS, page))).containsExactly("'self'");
    }

    @Test
    void workersComeOnlyFromTheGatewayNotFromBlobsNorByTheImportMapsHash() {
        String policy = ContentSecurityPolicy.of(NO_ORIGINS, page("{\"imports\": {}}"));

        assertThat(Arrays.stream(policy.split(";")).map(String::strip).filter(d -> d.startsWith("worker-src ")))
                .containsExactly("worker-src 'self'");
    }

    private static String page(String importMap) {
        return "<!doctype html><head><script type=\"importmap\">" + importMap + "</script>"
                + "<script type=\"module\" src=\"/app/main.js\"></script></head>";
    }

    private static List<String> scriptSrc(String policy) {
        return Arrays.stream(policy.split(";")).map(String::strip).filter(d -> d.startsWith("script-src "))
                .findFirst().map(d -> List.of(d.substring("script-src ".length()).split(" "))).orElseThrow();
    }

    private static String sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
