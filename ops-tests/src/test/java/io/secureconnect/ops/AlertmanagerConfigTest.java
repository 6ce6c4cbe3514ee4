package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alertmanager template rendered exactly as the container does it (render-config.sh with the webhook URLs from
 * the environment), then checked and routed by amtool.
 */
class AlertmanagerConfigTest {

    private static final Path ALERTMANAGER_DIR = Repo.path("configs/alertmanager");
    private static final String PAGING_URL = "https://paging.example.test/hook?team=sre&x=1";
    private static final String CHAT_URL = "https://chat.example.test/hooks/alerts";

    @TempDir
    static Path work;
    static Path rendered;

    @BeforeAll
    static void render() {
        rendered = work.resolve("alertmanager.yml");
        Tool.succeed(ALERTMANAGER_DIR, Map.of(
                "ALERTMANAGER_PAGING_WEBHOOK_URL", PAGING_URL,
                "ALERTMANAGER_CHAT_WEBHOOK_URL", CHAT_URL,
                "ALERTMANAGER_RENDERED_CONFIG", rendered.toString(),
                "ALERTMANAGER_BIN", "true"), "sh", "render-config.sh", "alertmanager.yml");
    }

    @Test
    void renderedConfigurationIsValid() {
        assertThat(Tool.succeed(ALERTMANAGER_DIR, "amtool", "check-config", rendered.toString())).contains("SUCCESS");
    }

    @Test
    void webhookUrlsComeFromTheEnvironmentVerbatim() throws IOException {
        String settings = Files.readAllLines(rendered).stream().filter(line -> !line.strip().startsWith("#"))
                .collect(Collectors.joining("\n"));
        assertThat(settings).contains("url: " + PAGING_URL, "url: " + CHAT_URL).doesNotContain("${");
        assertThat(Repo.read("configs/alertmanager/alertmanager.yml")).doesNotContain(PAGING_URL, "hooks.slack.com");
    }

    @Test
    void refusesToStartWithoutAWebhookUrl() {
        Tool.Result result = Tool.run(ALERTMANAGER_DIR, Map.of(
                "ALERTMANAGER_PAGING_WEBHOOK_URL", PAGING_URL,
                "ALERTMANAGER_CHAT_WEBHOOK_URL", "",
                "ALERTMANAGER_RENDERED_CONFIG", work.resolve("never.yml").toString(),
                "ALERTMANAGER_BIN", "true"), "sh", "render-config.sh", "alertmanager.yml");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("ALERTMANAGER_CHAT_WEBHOOK_URL is not set");
    }

    @Test
    void criticalAlertsPageAndTheRestGoToChat() {
        assertThat(route("alertname=ServiceDown", "severity=critical", "service=chat-service")).isEqualTo("paging");
        assertThat(route("alertname=RedisDegradedMode", "severity=warning", "service=chat-service")).isEqualTo("chat");
        assertThat(route("alertname=NoActiveConnections", "severity=info", "service=api-gateway")).isEqualTo("chat");
        assertThat(route("alertname=Unlabelled")).isEqualTo("chat");
    }

    @Test
    void serviceDownSilencesThatServicesOtherAlerts() {
        Map<String, Object> config = Repo.yaml("configs/alertmanager/alertmanager.yml");
        assertThat(Yamls.maps(config, "inhibit_rules")).anySatisfy(rule -> {
            assertThat(Yamls.list(rule, "source_matchers")).containsExactly("alertname=\"ServiceDown\"");
            assertThat(Yamls.list(rule, "target_matchers")).containsExactly("alertname!=\"ServiceDown\"");
            assertThat(Yamls.list(rule, "equal")).containsExactly("service");
        });
        assertThat(Yamls.list(Yamls.map(config, "route"), "group_by")).contains("alertname", "service");
    }

    private static String route(String... labels) {
        String[] command = new String[5 + labels.length];
        command[0] = "amtool";
        command[1] = "config";
        command[2] = "routes";
        command[3] = "test";
        command[4] = "--config.file=" + rendered;
        System.arraycopy(labels, 0, command, 5, labels.length);
        // amtool warns on stderr that --config.file overrides --alertmanager.url; only the receiver name counts
        return Tool.succeed(ALERTMANAGER_DIR, command).replaceAll("Warning: [^\n]*?alertmanager\\.url\\.", "").strip();
    }
}
