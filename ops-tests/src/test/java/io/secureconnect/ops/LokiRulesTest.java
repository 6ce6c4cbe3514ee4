package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Alerts over logs (Loki ruler): the rule files parse, every rule says what it means and links a runbook that
 * exists, Loki loads them from where compose mounts them, and they reach the Alertmanager. (LogQL itself is only
 * checked by a running Loki.)
 */
class LokiRulesTest {

    @Test
    void everyLokiRuleIsDescribedAndHasARunbook() {
        List<Path> files = Repo.files("configs/loki/rules", ".yml");
        assertThat(files).isNotEmpty();
        for (var file : files) {
            for (Object group : Yamls.list(Repo.yamlDocuments(file).getFirst(), "groups")) {
                for (Object rule : Yamls.list(group, "rules")) {
                    Map<String, Object> annotations = Yamls.map(rule, "annotations");
                    assertThat(((Map<?, ?>) rule).get("expr").toString()).contains("{log_type=\"audit\"}");
                    assertThat(Yamls.map(rule, "labels")).containsKey("severity");
                    assertThat(annotations).containsKeys("summary", "description", "runbook_url");
                    assertThat(Files.exists(Repo.path(annotations.get("runbook_url").toString()))).isTrue();
                }
            }
        }
    }

    @Test
    void lokiLoadsTheRulesWhereComposeMountsThemAndAlertsTheAlertmanager() {
        Map<String, Object> ruler = Yamls.map(Repo.yaml("configs/loki/loki.yml"), "ruler");
        String directory = Yamls.map(Yamls.map(ruler, "storage"), "local").get("directory").toString();

        assertThat(ruler.get("alertmanager_url").toString()).isEqualTo("http://alertmanager:9093");
        assertThat(Repo.read("docker-compose.monitoring.yml")).contains("./configs/loki/rules:" + directory + ":ro");
    }
}
