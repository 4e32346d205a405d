package io.lucid.relay;

import io.lucid.schemas.topic.Topics;
import java.net.URI;
import java.util.Properties;

/**
 * The Debezium PostgreSQL connector settings the relay runs with, and why (measured, see RECIPES.md).
 */
final class DebeziumSettings {

    private DebeziumSettings() {
    }

    static Properties of(RelayConfig config) {
        URI db = config.databaseUri();
        Properties props = new Properties();
        props.setProperty("name", "lucid-relay");
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("topic.prefix", "lucid-relay");
        props.setProperty("database.hostname", db.getHost());
        props.setProperty("database.port", Integer.toString(db.getPort() > 0 ? db.getPort() : 5432));
        props.setProperty("database.dbname", db.getPath().substring(1));
        props.setProperty("database.user", config.dbUser());
        props.setProperty("database.password", config.dbPassword());
        props.setProperty("plugin.name", "pgoutput");
        // Slot and publication are created with the event store (command-api), so nothing committed
        // before the relay first runs is missed; the relay never creates or drops them.
        props.setProperty("slot.name", config.slot());
        props.setProperty("publication.name", config.publication());
        props.setProperty("publication.autocreate.mode", "disabled");
        props.setProperty("slot.drop.on.stop", "false");
        props.setProperty("snapshot.mode", "no_data");
        props.setProperty("table.include.list", "public.domain_event_entry,public.relay_heartbeat");
        props.setProperty("binary.handling.mode", "bytes");
        // 10 ms instead of 500 ms: the default costs ~450 ms of median latency.
        props.setProperty("poll.interval.ms", Long.toString(config.pollIntervalMs()));
        // The heartbeat writes to a published table so the slot advances (and WAL is freed) when idle.
        props.setProperty("heartbeat.interval.ms", "10000");
        props.setProperty("heartbeat.action.query",
                "INSERT INTO relay_heartbeat (id, beat_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET beat_at = now()");
        // Offsets in Kafka: file offsets re-sent up to 176 events after kill -9 in a trial; Kafka offsets none.
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        props.setProperty("offset.storage.topic", Topics.RELAY_OFFSETS);
        props.setProperty("offset.storage.partitions", "1");
        // -1: the broker's default.replication.factor, so the offsets are as safe as the events on a cluster
        props.setProperty("offset.storage.replication.factor", "-1");
        props.setProperty("offset.flush.interval.ms", "1000");
        props.setProperty("bootstrap.servers", config.kafkaBootstrap());
        return props;
    }
}
