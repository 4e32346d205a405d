package io.lucid.devstack.pairing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.api.LiveSocket;
import io.lucid.devstack.test.TestStack;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroWireFormat;
import io.lucid.schemas.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a client of pairing does against a running stack: start and complete pairings, revoke devices, refresh
 * and issue tokens over REST; watch the WebSocket; read the pairing topic; count stored events.
 */
final class PairingClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json";

    private final TestStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PairingClient(TestStack stack) {
        this.stack = stack;
    }

    HttpResponse<String> post(String path, String token, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.commandApi().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", JSON_TYPE)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The server closes the connection after refusing an over-long request line (HTTP/1.0 413); the client
            // may have pooled that connection. Nothing was read from the next request on it, so sending it again
            // on a fresh connection is safe.
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        }
    }

    HttpResponse<byte[]> postForBytes(String path, String token, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.commandApi().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", JSON_TYPE)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(URI base, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a pairing as {@code token}; returns the JSON answer. */
    JsonNode start(String token) throws IOException, InterruptedException {
        return start(token, "{}");
    }

    JsonNode start(String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/v1/pairings", token, body);
        if (response.statusCode() != 201) {
            throw new AssertionError("start pairing: " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    static String completion(String token, String name, String platform) {
        return "{\"temp_token\":\"" + token + "\",\"device_info\":{\"name\":\"" + name + "\",\"platform\":\"" + platform + "\"}}";
    }

    HttpResponse<String> complete(String pairingId, String body, String... headers) throws IOException, InterruptedException {
        return post("/api/v1/pairings/" + pairingId + "/complete", null, body, headers);
    }

    /** Pairs a new device through REST; returns the completion answer (device_id, access_token, ...). */
    JsonNode pairDevice(String operatorToken, String name) throws IOException, InterruptedException {
        JsonNode started = start(operatorToken);
        HttpResponse<String> completed = complete(started.path("pairing_id").asText(),
                completion(started.path("temp_token").asText(), name, "android"));
        if (completed.statusCode() != 201) {
            throw new AssertionError("complete pairing: " + completed.statusCode() + " " + completed.body());
        }
        return json(completed.body());
    }

    HttpResponse<String> revoke(String deviceId, String token) throws IOException, InterruptedException {
        return post("/api/v1/devices/" + deviceId + "/revoke", token, "{\"reason\":\"lost\"}");
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    /** The claims of a JWT (not verified: the services do that). */
    static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** Events of the Pairing and Device aggregates in the store matching {@code where} (SQL over domain_event_entry). */
    long storedEvents(String where, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM domain_event_entry WHERE type IN ('Pairing', 'Device') AND " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Events a rejected command must leave unchanged: all but the sweep's expiries, which come on their own. */
    long storedEventsButExpiries() throws SQLException {
        return storedEvents("payload_type <> 'io.lucid.events.pairing.PairingExpired'");
    }

    long storedEventsOf(String aggregateId) throws SQLException {
        return storedEvents("aggregate_identifier = ?", aggregateId);
    }

    /** Reads {@code lucid.pairing.events} from the start until {@code done} holds for what was read under {@code keys}. */
    List<Published> published(List<String> keys, Predicate<List<Published>> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "pairing-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroWireFormat wire = new AvroWireFormat(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString()));
        List<Published> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PAIRING_EVENTS.name()));
            while (!done.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        SpecificRecord event = wire.deserialize(record.topic(), record.value());
                        found.add(new Published(record, event));
                    }
                }
            }
        }
        return found;
    }

    /** A record of the pairing topic and its decoded event. */
    record Published(ConsumerRecord<String, byte[]> record, SpecificRecord event) {

        String header(String name) {
            var header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        String type() {
            return event.getSchema().getName();
        }
    }

    /** Opens query-api's {@code /ws}, collecting text frames and the close code. */
    LiveSocket connect() throws Exception {
        return LiveSocket.open(http, stack.queryApi());
    }
}
