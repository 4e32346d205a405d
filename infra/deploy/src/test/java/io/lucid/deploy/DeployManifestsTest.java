package io.lucid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Renders both overlays ({@link Kustomize}, no kustomize binary needed) and checks them against the code: every
 * variable a service's container sets is one its modules read, its port variable equals the port it exposes and
 * probes, its probes ask for paths the service serves, connection URLs name resources of the same render, and the
 * KafkaTopic resources are exactly the topic catalogue with its partitions and retention. {@code
 * -Dlucid.deploy.update=true} rewrites {@code k8s/base/topics.yaml} from the catalogue.
 */
class DeployManifestsTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent().getParent();
    private static final Path K8S = MODULE.resolve("k8s");
    private static final Pattern VARIABLE = Pattern.compile("LUCID_[A-Z0-9_]*[A-Z0-9]");

    /** The modules on each image's classpath whose main sources may read a variable. */
    private static final Map<String, List<String>> IMAGE_MODULES = Map.of(
            "command-api", List.of("command-api", "infra/service-kit", "schemas"),
            "query-api", List.of("query-api", "infra/service-kit", "projections", "schemas"),
            "workers", List.of("infra/devstack", "infra/relay", "projections", "stream-processors", "schemas", "infra/service-kit"));
    /** The variable that sets the port each image listens on. */
    private static final Map<String, String> PORT_VARIABLE = Map.of(
            "command-api", "LUCID_COMMAND_PORT", "query-api", "LUCID_QUERY_PORT", "workers", "LUCID_SERVICE_PORT");
    /** What the health endpoints of every service answer (Micronaut's and the worker launcher's alike). */
    private static final Set<String> PROBE_PATHS = Set.of("/health", "/health/liveness", "/health/readiness");
    /** Where the JVM itself reads from. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyVariableAContainerSetsIsOneItsCodeReads(String overlay) {
        List<Map<String, Object>> resources = Kustomize.render(K8S.resolve("overlays/" + overlay));
        List<Map<String, Object>> ours = ourContainers(resources);
        assertThat(ours).as("our containers").hasSizeGreaterThanOrEqualTo(5);
        for (Map<String, Object> container : ours) {
            String image = imageName(container);
            Set<String> read = variablesRead(IMAGE_MODULES.get(image));
            Map<String, String> env = environment(container, resources);
            for (String variable : env.keySet()) {
                assertThat(read.contains(variable) || JVM_VARIABLES.contains(variable))
                        .as("%s (%s) sets %s, which no module of its image reads", container.get("name"), overlay, variable)
                        .isTrue();
            }
            assertThat(env).as("%s connections", container.get("name"))
                    .containsKeys("LUCID_DB_URL", "LUCID_KAFKA_BOOTSTRAP", "LUCID_SCHEMA_REGISTRY_URL");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void portsAndProbesAreTheOnesTheServicesListenOn(String overlay) {
        List<Map<String, Object>> resources = Kustomize.render(K8S.resolve("overlays/" + overlay));
        for (Map<String, Object> workload : resources) {
            for (Map<String, Object> container : Kustomize.containers(workload)) {
                if (!isOurs(container)) {
                    continue;
                }
                String image = imageName(container);
                Map<String, String> env = environment(container, resources);
                Map<String, Integer> ports = new HashMap<>();
                for (Map<String, Object> port : list(container.get("ports"))) {
                    ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
                }
                String portVariable = PORT_VARIABLE.get(image);
                assertThat(env).as("%s sets its port", container.get("name")).containsKey(portVariable);
                assertThat(ports.values()).as("%s exposes %s", container.get("name"), portVariable)
                        .containsExactly(Integer.parseInt(env.get(portVariable)));
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
                    assertThat(PROBE_PATHS).as("%s %s path", container.get("name"), probe).contains((String) get.get("path"));
                    assertThat(ports).as("%s %s port", container.get("name"), probe).containsKey((String) get.get("port"));
                }
                if (image.equals("workers")) {
                    String service = (String) ((List<?>) container.get("args")).get(0);
                    assertThat(source("infra/devstack/src/main/java/io/lucid/devstack/service/Services.java"))
                            .as("a service the launcher knows").contains("= \"" + service + "\";");
                }
            }
        }
        for (Map<String, Object> service : ofKind(resources, "Service")) {
            Map<String, Object> selector = map(map(service.get("spec")).get("selector"));
            Map<String, Object> pods = resources.stream()
                    .filter(r -> !Kustomize.containers(r).isEmpty())
                    .filter(r -> map(map(map(map(r.get("spec")).get("template")).get("metadata")).get("labels")).entrySet()
                            .containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError("no workload for Service " + Kustomize.name(service)));
            Set<Object> named = new HashSet<>();
            Kustomize.containers(pods).forEach(c -> list(c.get("ports")).forEach(p -> named.add(p.get("name"))));
            for (Map<String, Object> port : list(map(service.get("spec")).get("ports"))) {
                assertThat(named).as("Service %s targetPort", Kustomize.name(service)).contains(port.get("targetPort"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void connectionsNameResourcesOfTheSameRender(String overlay) {
        List<Map<String, Object>> resources = Kustomize.render(K8S.resolve("overlays/" + overlay));
        Map<String, String> connections = stringMap(map(only(resources, "ConfigMap", "lucid-connections").get("data")));
        String kafka = Kustomize.name(ofKind(resources, "Kafka").get(0));
        int listener = (Integer) list(map(map(ofKind(resources, "Kafka").get(0).get("spec")).get("kafka")).get("listeners")).get(0).get("port");
        assertThat(connections.get("LUCID_KAFKA_BOOTSTRAP")).isEqualTo(kafka + "-kafka-bootstrap:" + listener);
        String postgres = Kustomize.name(ofKind(resources, "Cluster").get(0));
        URI db = URI.create(connections.get("LUCID_DB_URL").substring("jdbc:".length()));
        assertThat(db.getHost()).as("CloudNativePG's read-write service").isEqualTo(postgres + "-rw");
        URI registry = URI.create(connections.get("LUCID_SCHEMA_REGISTRY_URL"));
        Map<String, Object> registryService = only(resources, "Service", registry.getHost());
        assertThat(list(map(registryService.get("spec")).get("ports"))).anyMatch(p -> p.get("port").equals(registry.getPort()));
        // The secrets the containers read: CloudNativePG's application secret, and the JWT secret operators create.
        for (Map<String, Object> container : ourContainers(resources)) {
            for (Map<String, Object> variable : list(container.get("env"))) {
                Object from = map(variable.get("valueFrom")).get("secretKeyRef");
                if (from != null) {
                    assertThat(map(from).get("name")).isIn(postgres + "-app", "lucid-jwt");
                }
            }
        }
        for (Map<String, Object> topic : ofKind(resources, "KafkaTopic")) {
            assertThat(map(map(topic.get("metadata")).get("labels"))).containsEntry("strimzi.io/cluster", kafka);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKafkaTopicIsACatalogueTopicWithItsSettings(String overlay) {
        List<Map<String, Object>> resources = Kustomize.render(K8S.resolve("overlays/" + overlay));
        Map<String, Map<String, Object>> declared = new LinkedHashMap<>();
        for (Map<String, Object> topic : ofKind(resources, "KafkaTopic")) {
            Map<String, Object> spec = map(topic.get("spec"));
            declared.put((String) spec.getOrDefault("topicName", Kustomize.name(topic)), spec);
        }
        Set<String> expected = new HashSet<>();
        for (Topic<?, ?> topic : Topics.all()) {
            expected.add(topic.name());
            Map<String, Object> spec = declared.get(topic.name());
            assertThat(spec).as("KafkaTopic for %s", topic.name()).isNotNull();
            assertThat(spec.get("partitions")).as("%s partitions", topic.name()).isEqualTo(topic.partitions());
            assertThat(stringMap(map(spec.get("config")))).as("%s config", topic.name())
                    .containsAllEntriesOf(topic.retention().topicConfigs());
        }
        expected.add(Topics.RELAY_OFFSETS);
        assertThat(declared.keySet()).as("KafkaTopics beyond the catalogue").containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Writes the KafkaTopic resources from the catalogue when asked to; otherwise checks the file is current. */
    @Test
    void topicsFileIsGeneratedFromTheCatalogue() throws IOException {
        Path file = K8S.resolve("base/topics.yaml");
        String generated = topicsYaml();
        if (Boolean.getBoolean("lucid.deploy.update")) {
            Files.writeString(file, generated);
        }
        assertThat(Files.readString(file)).as("run with -Dlucid.deploy.update=true after a catalogue change").isEqualTo(generated);
    }

    private static String topicsYaml() {
        StringBuilder out = new StringBuilder("""
                # Generated from io.lucid.schemas.topic.Topics by DeployManifestsTest (-Dlucid.deploy.update=true): do not edit.
                # Replicas follow the brokers' default.replication.factor (3 in prod, 1 in dev).
                """);
        for (Topic<?, ?> topic : Topics.all()) {
            out.append(kafkaTopic(topic.name().replace('.', '-'), topic.name(), topic.partitions(), topic.retention().topicConfigs()));
        }
        // Debezium would create its offsets topic with one replica: declared here, so the operator creates it first.
        out.append(kafkaTopic("lucid-relay-offsets", Topics.RELAY_OFFSETS, 1, Map.of("cleanup.policy", "compact")));
        return out.toString();
    }

    private static String kafkaTopic(String resource, String topic, int partitions, Map<String, String> config) {
        StringBuilder out = new StringBuilder("---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: ")
                .append(resource).append("\n  labels:\n    strimzi.io/cluster: lucid\nspec:\n  topicName: ").append(topic)
                .append("\n  partitions: ").append(partitions).append("\n  config:\n");
        new java.util.TreeMap<>(config).forEach((k, v) -> out.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        return out.toString();
    }

    private static List<Map<String, Object>> ourContainers(List<Map<String, Object>> resources) {
        List<Map<String, Object>> ours = new ArrayList<>();
        resources.forEach(r -> Kustomize.containers(r).stream().filter(DeployManifestsTest::isOurs).forEach(ours::add));
        return ours;
    }

    private static boolean isOurs(Map<String, Object> container) {
        return IMAGE_MODULES.containsKey(imageName(container));
    }

    /** {@code registry.example.com/lucid/command-api:0.1.0} is {@code command-api}. */
    private static String imageName(Map<String, Object> container) {
        String image = ((String) container.get("image")).replaceFirst(":[^:/]+$", "");
        Matcher m = Pattern.compile("(?:^|/)lucid/([a-z-]+)$").matcher(image);
        return m.find() ? m.group(1) : image;
    }

    /** The container's variables: its ConfigMaps' data, then its own {@code env} (values of secrets as "secret"). */
    private static Map<String, String> environment(Map<String, Object> container, List<Map<String, Object>> resources) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> source : list(container.get("envFrom"))) {
            String name = (String) map(source.get("configMapRef")).get("name");
            env.putAll(stringMap(map(only(resources, "ConfigMap", name).get("data"))));
        }
        for (Map<String, Object> variable : list(container.get("env"))) {
            env.put((String) variable.get("name"), variable.containsKey("value") ? String.valueOf(variable.get("value")) : "secret");
        }
        return env;
    }

    private static Set<String> variablesRead(List<String> modules) {
        Set<String> read = new HashSet<>();
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main"))) {
                files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(java|yml|yaml|xml|properties)$"))
                        .forEach(f -> {
                            Matcher m = VARIABLE.matcher(read(f));
                            while (m.find()) {
                                read.add(m.group());
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return read;
    }

    private static String source(String path) {
        return read(ROOT.resolve(path));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    private static Map<String, Object> only(List<Map<String, Object>> resources, String kind, String name) {
        return ofKind(resources, kind).stream().filter(r -> Kustomize.name(r).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) (List<?>) value;
    }

    private static Map<String, String> stringMap(Map<String, Object> values) {
        Map<String, String> strings = new LinkedHashMap<>();
        values.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings;
    }
}
