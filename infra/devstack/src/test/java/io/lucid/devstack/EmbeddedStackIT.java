package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The embedded stack against its real parts: PostgreSQL, a broker round trip, tokens, and a clean stop. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackIT {

    private static final String TOPIC = "devstack.it.roundtrip";
    private static Path dir;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() throws Exception {
        dir = io.lucid.devstack.test.EmbeddedTestStack.createTempDir();
        stack = EmbeddedStack.start(StackConfig.forTests(dir));
    }

    @AfterAll
    static void stop() {
        if (stack == null) {
            return; // a failed start: keep the directory, the failure message points at its logs
        }
        stack.close();
        try {
            FileTrees.delete(dir);
        } catch (java.io.IOException e) {
            // a temporary directory
        }
    }

    @Test
    @Order(1)
    void postgresRunsWithLogicalDecoding() throws Exception {
        StackEnvironment env = stack.environment();
        try (Connection c = DriverManager.getConnection(env.jdbcUrl(), env.dbUser(), env.dbPassword());
                Statement s = c.createStatement()) {
            assertThat(single(s, "SHOW wal_level")).isEqualTo("logical");
            assertThat(single(s, "SELECT current_database()")).isEqualTo(PostgresCluster.DATABASE);
            s.execute("CREATE TABLE kept_across_restarts (id int primary key)");
            s.execute("INSERT INTO kept_across_restarts VALUES (42)");
        }
    }

    @Test
    @Order(2)
    void brokerDoesAProduceConsumeRoundTrip() throws Exception {
        String bootstrap = stack.environment().kafkaBootstrap();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "node-1", "hello")).get(30, TimeUnit.SECONDS);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            ConsumerRecord<String, String> received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    received = r;
                }
            }
            assertThat(received).isNotNull();
            assertThat(received.key()).isEqualTo("node-1");
            assertThat(received.value()).isEqualTo("hello");
        }
    }

    @Test
    @Order(3)
    void adminTokenIsSignedWithTheStackSecret() throws Exception {
        SignedJWT jwt = SignedJWT.parse(stack.adminToken());
        assertThat(jwt.verify(new MACVerifier(stack.environment().jwtSecret().getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("admin");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("ADMIN");
        assertThat(Files.readString(dir.resolve("admin-token")).trim()).isEqualTo(stack.adminToken());
        assertThat(Files.readString(dir.resolve("jwt-secret")).trim()).isEqualTo(stack.environment().jwtSecret());
    }

    @Test
    @Order(4)
    void everyForkedProcessHasAPidFile() throws Exception {
        long brokerPid = stack.processIds().get(KafkaBroker.NAME);
        assertThat(Files.readString(dir.resolve("run/kafka.pid")).trim()).isEqualTo(String.valueOf(brokerPid));
    }

    @Test
    @Order(10)
    void closeLeavesNoProcessBehind() throws Exception {
        Map<String, Long> pids = stack.processIds();
        assertThat(pids).containsKeys("postgres", KafkaBroker.NAME);

        stack.close();
        stack = null;

        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            assertThat(running(pid.getValue())).as("%s (pid %d) after close", pid.getKey(), pid.getValue()).isFalse();
        }
        try (var runFiles = Files.list(dir.resolve("run"))) {
            assertThat(runFiles).isEmpty();
        }
    }

    @Test
    @Order(11)
    void aRestartKeepsTheData() throws Exception {
        stack = EmbeddedStack.start(StackConfig.forTests(dir));
        StackEnvironment env = stack.environment();
        try (Connection c = DriverManager.getConnection(env.jdbcUrl(), env.dbUser(), env.dbPassword());
                Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT id FROM kept_across_restarts")).isEqualTo("42");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains(TOPIC);
        }
    }

    /** Alive and not a zombie: an orphaned postmaster is reaped by init, which may take a moment. */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        try {
            String content = Files.readString(stat);
            return content.charAt(content.lastIndexOf(')') + 2) != 'Z';
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
