package fr.backoffice.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.http.RequestLimits;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * manifests probe endpoints that exist, on the port the image exposes, and set only variables the docs pages document;
 * Prometheus scrapes the compose instances, and the alert rules and the dashboard use only documented metrics.
 */
class DeploymentFilesTest {

    /** The image: what docker build reads. */
    private static final Path DOCKER = Path.of("docker");
    /** The deployment: compose, Kubernetes, monitoring, proxy, and the demo's database role, keys and BIC sample. */
    private static final Path DEPLOY = Path.of("deploy");
    private static final Path MONITORING = DEPLOY.resolve("monitoring");
    private static final Set<String> HEALTH = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    documents.add((Map<String, Object>) document);
                }
            }
        }
        return documents;
    }

    /** docker/ is the image and nothing else; what runs it somewhere (compose, Kubernetes, proxy, monitoring) is deploy/. */
    @Test
    @SuppressWarnings("unchecked")
    void docker_holds_the_image_and_deploy_the_deployment() throws IOException {
        try (Stream<Path> files = Files.walk(DOCKER)) {
            assertThat(files.filter(Files::isRegularFile).toList()).containsExactly(DOCKER.resolve("Dockerfile"));
        }
        for (String part : List.of("compose.yml", "kubernetes", "monitoring", "proxy")) {
            assertThat(DEPLOY.resolve(part)).exists();
        }
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get("service-1");
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        assertThat(DEPLOY.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")).normalize())
                .isEqualTo(DOCKER.resolve("Dockerfile"));
    }

    /** A demo generates its key pair where it runs (deploy/jwt/demo-keys.sh, the benchmark): none is in the repository. */
    @Test
    void no_private_key_is_kept_in_the_repository() throws IOException {
        String marker = "PRIVATE" + " KEY-----";
        List<Path> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("."))) {
            for (Path file : files.filter(Files::isRegularFile).filter(DeploymentFilesTest::kept).toList()) {
                if (Files.size(file) < 1_000_000 && new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                        .contains(marker)) {
                    keys.add(file);
                }
            }
        }
        assertThat(keys).isEmpty();
        assertThat(Files.readString(Path.of(".gitignore"))).contains("deploy/jwt/demo-*.pem");
    }

    /** The files of the repository, not what builds, git or the demo scripts (ignored by git) write beside them. */
    private static boolean kept(Path file) {
        String path = file.normalize().toString().replace('\\', '/');
        return !path.startsWith("target/") && !path.startsWith(".git/") && !path.startsWith("bench-results/")
                && !path.matches("deploy/jwt/demo-.*\\.pem");
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DEPLOY.resolve("compose.yml")));
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
    void every_variable_the_deployments_set_is_documented_in_the_docs() throws IOException {
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
        String docs = Files.readString(Path.of("docs/configuration.md")) + Files.readString(Path.of("docs/deployment.md"));
        List<String> compose = names.stream().filter(name -> name.startsWith("POSTGRES_")).toList();
        assertThat(names).isNotEmpty();
        assertThat(names.stream().filter(name -> !compose.contains(name)).distinct())
                .allSatisfy(name -> assertThat(docs).as(name + " in docs/configuration.md or docs/deployment.md")
                        .contains("`" + name + "`"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void compose_runs_two_instances_behind_the_proxy_with_health_checks_the_image_can_run() throws IOException {
        Map<String, Object> services = map(compose(), "services");
        assertThat(services).containsKeys("db", "service-1", "service-2", "proxy");
        String nginx = Files.readString(DEPLOY.resolve("proxy/nginx.conf"));
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
                    assertThat(DEPLOY.resolve(volume.substring(2, volume.indexOf(':')))).as(volume).exists();
                }
            }
        }
        assertThat((List<String>) map(services, "prometheus").get("volumes"))
                .contains("./monitoring/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_alert_rules_and_the_dashboard_use_only_metrics_the_docs_document() throws IOException {
        Map<String, Object> alerts = new Yaml().load(Files.readString(MONITORING.resolve("alerts.yml")));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(rule).as(String.valueOf(rule.get("alert"))).containsKeys("alert", "expr", "labels", "annotations");
                expressions.add((String) rule.get("expr"));
            }
        }
        assertThat(expressions).hasSize(6);
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

        String page = Files.readString(Path.of("docs/deployment.md"));
        int start = page.indexOf("\n### Metrics\n");
        assertThat(start).as("a Metrics section in docs/deployment.md's Observability").isNotNegative();
        int end = page.indexOf("\n## ", start + 1);
        String section = page.substring(start, end < 0 ? page.length() : end);
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
    /**
     * Finding: the proxy appended to the client's own {@code X-Forwarded-For} ({@code $proxy_add_x_forwarded_for}) and
     * the service takes the first address, so a client chose the address its rate limit and audit record counted
     * against. Every location that proxies overwrites the header with the address the proxy sees, and the other
     * forwarding headers a client could send are overwritten or removed; the instances trust only the proxy.
     */
    @Test
    @SuppressWarnings("unchecked")
    void the_shipped_proxy_overwrites_the_client_s_forwarding_headers_so_no_client_chooses_its_address() throws IOException {
        String file = Files.readString(DEPLOY.resolve("proxy/nginx.conf"));
        assertThat(file).doesNotContain("$proxy_add_x_forwarded_for").doesNotContain("$http_x_forwarded_for");
        Nginx.Block server = Nginx.parse(file).only("server");
        List<Nginx.Block> proxied = server.blocks("location").stream().filter(location -> location.has("proxy_pass")).toList();
        assertThat(proxied).isNotEmpty();
        for (Nginx.Block location : proxied) {
            Map<String, String> headers = Nginx.proxyHeaders(location, server);
            assertThat(headers).as(location.toString())
                    .containsEntry("x-forwarded-for", "$remote_addr")
                    .containsEntry("x-forwarded-proto", "$scheme");
            for (String forwarding : List.of("forwarded", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix",
                    "x-forwarded-ssl")) {
                assertThat(headers.get(forwarding)).as(location + " " + forwarding + ": removed (empty), not the client's")
                        .isEqualTo("");
            }
            assertThat(headers.getOrDefault("x-real-ip", "$remote_addr")).as(location + " X-Real-IP").isEqualTo("$remote_addr");
        }

        // the instances read X-Forwarded-For only from the proxy's network, and only the proxy publishes a port
        Map<String, Object> services = map(compose(), "services");
        List<String> subnets = ((List<Map<String, Object>>) map(compose(), "networks", "backoffice", "ipam").get("config"))
                .stream().map(config -> (String) config.get("subnet")).toList();
        for (String instance : List.of("service-1", "service-2")) {
            Map<String, Object> environment = map(services, instance, "environment");
            assertThat(environment.get("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED")).isEqualTo("true");
            assertThat(subnets).contains((String) environment.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"));
        }
        assertThat(services.entrySet().stream().filter(service -> map(service.getValue()).containsKey("ports"))
                .map(Map.Entry::getKey)).containsOnly("proxy", "prometheus", "grafana");
        // a Kubernetes deployment that reads the header names the proxies it trusts
        for (Map<String, Object> manifest : manifests()) {
            if ("ConfigMap".equals(manifest.get("kind")) && "true".equals(map(manifest, "data").get("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"))) {
                assertThat((String) map(manifest, "data").get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES")).as("trusted proxies").isNotBlank();
            }
        }
    }

    /**
     * Finding: {@code client_max_body_size 64k} stopped every clearing message over 64 KiB at the proxy. Where the
     * clearing system posts its messages the proxy lets through at least what the service accepts (its own limit
     * answers with a problem); everywhere else it keeps the JSON limit, never below the service's.
     */
    @Test
    void the_shipped_proxy_lets_clearing_messages_through_up_to_the_service_s_limit_and_keeps_64_kib_elsewhere() throws Exception {
        Nginx.Block server = Nginx.parse(Files.readString(DEPLOY.resolve("proxy/nginx.conf"))).only("server");
        long messageLimit = serviceSize("backoffice.clearing.max-message-size", BackOfficeConfig.Clearing.class, "maxMessageSize");
        long bodyLimit = serviceSize("backoffice.http.max-body-size", BackOfficeConfig.Http.class, "maxBodySize");
        assertThat(messageLimit).isGreaterThan(bodyLimit);
        assertThat(RequestLimits.CLEARING_MESSAGE_PATHS).isNotEmpty();
        for (String path : RequestLimits.CLEARING_MESSAGE_PATHS) {
            assertThat(Nginx.size(Nginx.bodySize(server.location(path), server))).as(path).isGreaterThanOrEqualTo(messageLimit);
        }
        long batchLimit = serviceSize("backoffice.submissions.batch-max-body-size", BackOfficeConfig.Submissions.class,
                "batchMaxBodySize");
        assertThat(Nginx.size(Nginx.bodySize(server.location(RequestLimits.BATCH_PATH), server)))
                .as(RequestLimits.BATCH_PATH).isGreaterThanOrEqualTo(batchLimit);
        for (String path : List.of("/operations", "/accounts", "/units", "/webhook-endpoints", "/filings", "/")) {
            long proxyLimit = Nginx.size(Nginx.bodySize(server.location(path), server));
            assertThat(proxyLimit).as(path).isEqualTo(64 * 1024).isGreaterThanOrEqualTo(bodyLimit);
        }
    }

    /** A size setting of the service: application.properties (outside a profile), else its default in the mapping. */
    private static long serviceSize(String property, Class<?> mapping, String method) throws Exception {
        Matcher set = Pattern.compile("(?m)^" + Pattern.quote(property) + "=(\\S+)$")
                .matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        String value = set.find() ? set.group(1) : mapping.getMethod(method).getAnnotation(WithDefault.class).value();
        return Nginx.size(value);
    }

    /**
     * Just enough of nginx's configuration syntax for these checks: directives and blocks, comments, quoted values;
     * the location a path goes to (exact, then the longest prefix: regex locations are refused here, so that a test
     * that cannot resolve them says so), and what a location inherits from the server.
     */
    static final class Nginx {

        record Directive(String name, List<String> args) {
        }

        record Block(String name, List<String> args, List<Directive> directives, List<Block> children) {

            List<Block> blocks(String kind) {
                return children.stream().filter(child -> child.name.equals(kind)).toList();
            }

            Block only(String kind) {
                List<Block> found = blocks(kind);
                assertThat(found).as("one " + kind + " block").hasSize(1);
                return found.get(0);
            }

            boolean has(String directive) {
                return directives.stream().anyMatch(d -> d.name.equals(directive));
            }

            List<Directive> all(String directive) {
                return directives.stream().filter(d -> d.name.equals(directive)).toList();
            }

            /** The location nginx chooses for {@code path} (already normalized, as nginx normalizes it). */
            Block location(String path) {
                Block best = null;
                int bestLength = -1;
                for (Block location : blocks("location")) {
                    String modifier = location.args.size() == 2 ? location.args.get(0) : "";
                    String prefix = location.args.get(location.args.size() - 1);
                    assertThat(modifier).as("regex locations are not resolved by this test: " + location).isIn("", "=", "^~");
                    if (modifier.equals("=") && prefix.equals(path)) {
                        return location;
                    }
                    if (!modifier.equals("=") && path.startsWith(prefix) && prefix.length() > bestLength) {
                        best = location;
                        bestLength = prefix.length();
                    }
                }
                assertThat(best).as("a location for " + path).isNotNull();
                return best;
            }

            @Override
            public String toString() {
                return name + " " + String.join(" ", args);
            }
        }

        /** The headers a location sends upstream: its own proxy_set_header lines, or else all of the server's. */
        static Map<String, String> proxyHeaders(Block location, Block server) {
            List<Directive> own = location.all("proxy_set_header");
            Map<String, String> headers = new HashMap<>();
            for (Directive header : own.isEmpty() ? server.all("proxy_set_header") : own) {
                headers.put(header.args().get(0).toLowerCase(java.util.Locale.ROOT), header.args().get(1));
            }
            return headers;
        }

        static String bodySize(Block location, Block server) {
            List<Directive> own = location.all("client_max_body_size");
            List<Directive> size = own.isEmpty() ? server.all("client_max_body_size") : own;
            return size.isEmpty() ? "1m" : size.get(0).args().get(0);
        }

        /** {@code 64k}, {@code 6m} (nginx), {@code 64K}, {@code 5M} (Quarkus): powers of 1024. */
        static long size(String value) {
            Matcher size = Pattern.compile("(\\d+)([kKmMgG]?)").matcher(value);
            assertThat(size.matches()).as(value).isTrue();
            long number = Long.parseLong(size.group(1));
            return switch (size.group(2).toLowerCase(java.util.Locale.ROOT)) {
                case "k" -> number * 1024;
                case "m" -> number * 1024 * 1024;
                case "g" -> number * 1024 * 1024 * 1024;
                default -> number;
            };
        }

        static Block parse(String text) {
            List<String> tokens = new ArrayList<>();
            Matcher token = Pattern.compile("#[^\\n]*|\"([^\"]*)\"|'([^']*)'|([{};])|([^\\s{};#\"']+)").matcher(text);
            while (token.find()) {
                if (token.group().startsWith("#")) {
                    continue;
                }
                tokens.add(token.group(1) != null ? "\u0000" + token.group(1) : token.group(2) != null ? "\u0000" + token.group(2)
                        : token.group(3) != null ? token.group(3) : token.group(4));
            }
            int[] at = {0};
            Block root = block("", List.of(), tokens, at);
            assertThat(at[0]).as("every block closed").isEqualTo(tokens.size());
            return root;
        }

        private static Block block(String name, List<String> args, List<String> tokens, int[] at) {
            List<Directive> directives = new ArrayList<>();
            List<Block> children = new ArrayList<>();
            List<String> words = new ArrayList<>();
            while (at[0] < tokens.size()) {
                String next = tokens.get(at[0]++);
                switch (next) {
                    case ";" -> {
                        directives.add(new Directive(words.get(0), words.subList(1, words.size()).stream().map(Nginx::unquote).toList()));
                        words = new ArrayList<>();
                    }
                    case "{" -> {
                        children.add(block(words.get(0), words.subList(1, words.size()).stream().map(Nginx::unquote).toList(), tokens, at));
                        words = new ArrayList<>();
                    }
                    case "}" -> {
                        return new Block(name, args, directives, children);
                    }
                    default -> words.add(next);
                }
            }
            return new Block(name, args, directives, children);
        }

        private static String unquote(String word) {
            return word.startsWith("\u0000") ? word.substring(1) : word;
        }
    }
}
