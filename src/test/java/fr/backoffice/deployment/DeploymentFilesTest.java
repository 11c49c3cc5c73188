package fr.backoffice.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked here of the deployment files, which no test deploys: the compose file and the Kubernetes
 * manifests probe endpoints that exist, on the port the image exposes, and set only variables the README documents;
 * Prometheus scrapes the compose instances, and the alert rules and the dashboard use only documented metrics.
 */
class DeploymentFilesTest {

    private static final Path DOCKER = Path.of("docker");
    private static final Path MONITORING = DOCKER.resolve("monitoring");
    private static final Set<String> HEALTH = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCKER.resolve("kubernetes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    documents.add((Map<String, Object>) document);
                }
            }
        }
        return documents;
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DOCKER.resolve("compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> manifest) {
        Map<String, Object> pod = "Deployment".equals(manifest.get("kind")) || "Job".equals(manifest.get("kind"))
                ? map(manifest, "spec", "template", "spec") : null;
        return pod == null ? List.of() : (List<Map<String, Object>>) pod.get("containers");
    }

    private static int exposedPort() throws IOException {
        Matcher expose = Pattern.compile("(?m)^EXPOSE (\\d+)$").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
        assertThat(expose.find()).isTrue();
        return Integer.parseInt(expose.group(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetes_probes_ask_the_health_endpoints_on_the_port_the_image_exposes() throws IOException {
        Map<String, Object> api = manifests().stream().filter(m -> "Deployment".equals(m.get("kind"))).findFirst().orElseThrow();
        assertThat((Integer) map(api, "spec").get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> container = containers(api).get(0);
        List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
        assertThat(ports.get(0).get("containerPort")).isEqualTo(exposedPort());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = map(container, probe, "httpGet");
            assertThat(HEALTH).as(probe).contains((String) get.get("path"));
            assertThat(get.get("port")).as(probe).isEqualTo(ports.get(0).get("name"));
        }
        assertThat(map(container, "resources", "limits").get("memory")).isEqualTo("512Mi");
        assertThat(manifests()).extracting(m -> m.get("kind"))
                .contains("PodDisruptionBudget", "HorizontalPodAutoscaler", "ConfigMap", "Secret", "Job", "Service");
    }

    @Test
    void only_the_migration_job_migrates_the_schema() throws IOException {
        for (Map<String, Object> manifest : manifests()) {
            for (Map<String, Object> container : containers(manifest)) {
                String migrates = env(container).get("QUARKUS_FLYWAY_MIGRATE_AT_START");
                assertThat(migrates).as(manifest.get("kind") + " " + container.get("name"))
                        .isEqualTo("Job".equals(manifest.get("kind")) ? "true" : "false");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
        }
        return env;
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_variable_the_deployments_set_is_documented_in_the_readme() throws IOException {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> manifest : manifests()) {
            if ("ConfigMap".equals(manifest.get("kind"))) {
                names.addAll(map(manifest, "data").keySet());
            }
            if ("Secret".equals(manifest.get("kind"))) {
                names.addAll(map(manifest, "stringData").keySet());
            }
            containers(manifest).forEach(container -> names.addAll(env(container).keySet()));
        }
        Map<String, Object> services = map(compose(), "services");
        for (Object service : services.values()) {
            Map<String, Object> environment = map(service, "environment");
            if (environment != null) {
                names.addAll(environment.keySet());
            }
        }
        String readme = Files.readString(Path.of("README.md"));
        List<String> compose = names.stream().filter(name -> name.startsWith("POSTGRES_")).toList();
        assertThat(names).isNotEmpty();
        assertThat(names.stream().filter(name -> !compose.contains(name)).distinct())
                .allSatisfy(name -> assertThat(readme).as(name + " in the README").contains("`" + name + "`"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void compose_runs_two_instances_behind_the_proxy_with_health_checks_the_image_can_run() throws IOException {
        Map<String, Object> services = map(compose(), "services");
        assertThat(services).containsKeys("db", "service-1", "service-2", "proxy");
        String nginx = Files.readString(DOCKER.resolve("proxy/nginx.conf"));
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        for (String instance : List.of("service-1", "service-2")) {
            Map<String, Object> service = map(services, instance);
            assertThat(nginx).contains("server " + instance + ":" + exposedPort());
            List<String> test = (List<String>) map(service, "healthcheck").get("test");
            assertThat(test.get(0)).as("no shell: the image's /bin/sh is dash").isEqualTo("CMD");
            assertThat(dockerfile).as("the image has the health check's program").contains("install -y --no-install-recommends " + test.get(1));
            assertThat(String.join(" ", test)).contains(":" + exposedPort() + "/q/health/ready");
            assertThat(service.get("restart")).isEqualTo("unless-stopped");
            assertThat(service.get("mem_limit")).isEqualTo("512m");
            assertThat(service).doesNotContainKey("ports");
        }
        assertThat(dockerfile).contains("-XX:+ExitOnOutOfMemoryError").doesNotContain(":17-jre\n").doesNotContain(":latest");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheus_scrapes_every_compose_instance_and_the_monitoring_profile_mounts_what_exists() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(MONITORING.resolve("prometheus.yml")));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        Map<String, Object> job = jobs.get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
        List<String> targets = ((List<Map<String, Object>>) job.get("static_configs")).stream()
                .flatMap(config -> ((List<String>) config.get("targets")).stream()).toList();
        Map<String, Object> services = map(compose(), "services");
        List<String> instances = services.keySet().stream().filter(name -> name.startsWith("service-")).toList();
        assertThat(instances).isNotEmpty();
        int port = exposedPort();
        assertThat(targets).containsExactlyInAnyOrderElementsOf(
                instances.stream().map(instance -> instance + ":" + port).toList());
        assertThat((List<String>) prometheus.get("rule_files")).containsExactly("/etc/prometheus/alerts.yml");

        for (String monitoring : List.of("prometheus", "grafana")) {
            Map<String, Object> service = map(services, monitoring);
            assertThat((List<String>) service.get("profiles")).as(monitoring).containsExactly("monitoring");
            assertThat((String) service.get("image")).as(monitoring + " pinned").matches("[a-z/]+:v?\\d+\\.\\d+\\.\\d+");
            for (String volume : (List<String>) service.get("volumes")) {
                if (volume.startsWith("./")) {
                    assertThat(DOCKER.resolve(volume.substring(2, volume.indexOf(':')))).as(volume).exists();
                }
            }
        }
        assertThat((List<String>) map(services, "prometheus").get("volumes"))
                .contains("./monitoring/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_alert_rules_and_the_dashboard_use_only_metrics_the_readme_documents() throws IOException {
        Map<String, Object> alerts = new Yaml().load(Files.readString(MONITORING.resolve("alerts.yml")));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(rule).as(String.valueOf(rule.get("alert"))).containsKeys("alert", "expr", "labels", "annotations");
                expressions.add((String) rule.get("expr"));
            }
        }
        assertThat(expressions).hasSize(5);
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana/dashboards/backoffice.json").toFile());
        int panels = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            panels++;
            assertThat(panel.at("/datasource/uid").asText()).isEqualTo("prometheus");
            panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText()));
        }
        assertThat(panels).isGreaterThanOrEqualTo(12);
        Map<String, Object> datasources = new Yaml().load(
                Files.readString(MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml")));
        assertThat(((List<Map<String, Object>>) datasources.get("datasources")).get(0)).containsEntry("uid", "prometheus");

        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n### Metrics\n");
        assertThat(start).as("a Metrics section in the README's Observability").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher metric = Pattern.compile("\\b(?:backoffice|http_server)_[a-z_]+").matcher(String.join("\n", expressions));
        List<String> used = new ArrayList<>();
        while (metric.find()) {
            used.add(metric.group());
        }
        assertThat(used).contains("backoffice_operations_queue_past_due_seconds", "backoffice_events_feed_lag_seconds",
                "backoffice_audit_unsealed_oldest_age_seconds", "backoffice_ledger_differences",
                "http_server_requests_seconds_bucket");
        assertThat(used.stream().distinct()).allSatisfy(name -> assertThat(section).as(name).contains("`" + name + "`"));
    }
}
