package io.lucid.schemas.registry;

import io.lucid.schemas.serde.AvroWireFormat;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The compatibility every subject of the catalogue must have: BACKWARD_TRANSITIVE, so a consumer with the newest
 * schema reads every record still on a topic, whatever version wrote it (ADR 8 checks the same rule at build time).
 * A registry of our own defaults to it; a shared or managed one (Confluent's defaults to BACKWARD) does not. Every
 * service calls {@link #enforce} at start, before it reads or writes: it sets the level per subject where it differs,
 * and refuses to start, naming the subject and what the registry answered, when the registry does not let it.
 */
public final class CompatibilityPolicy {

    public static final CompatibilityLevel REQUIRED = CompatibilityLevel.BACKWARD_TRANSITIVE;

    private CompatibilityPolicy() {
    }

    /** Every subject of the catalogue (TopicRecordNameStrategy: topic and record full name). */
    public static List<String> subjects(Collection<? extends Topic<?, ?>> topics) {
        Set<String> subjects = new LinkedHashSet<>();
        for (Topic<?, ?> topic : topics) {
            for (Class<? extends SpecificRecord> type : topic.records()) {
                Schema schema = SpecificData.get().getSchema(type);
                subjects.add(AvroWireFormat.subject(topic.name(), schema));
            }
        }
        return new ArrayList<>(subjects);
    }

    /** {@link #enforce(SchemaRegistryClient, String, Collection)} over the whole catalogue. */
    public static void enforce(SchemaRegistryClient registry, String registryUrl) {
        enforce(registry, registryUrl, Topics.all());
    }

    /**
     * Sets {@link #REQUIRED} on each subject of {@code topics} whose own level differs, then reads it back.
     *
     * @throws IllegalStateException when the registry refuses or keeps another level: the service must not start
     */
    public static void enforce(SchemaRegistryClient registry, String registryUrl, Collection<? extends Topic<?, ?>> topics) {
        for (String subject : subjects(topics)) {
            try {
                if (registry.compatibility(subject).orElse(null) == REQUIRED) {
                    continue;
                }
                registry.setCompatibility(subject, REQUIRED);
                CompatibilityLevel now = registry.compatibility(subject).orElse(null);
                if (now != REQUIRED) {
                    throw refused(registryUrl, subject, "it kept " + (now == null ? "the global level" : now));
                }
            } catch (SchemaRegistryException e) {
                throw refused(registryUrl, subject, "it answered: " + e.getMessage());
            }
        }
    }

    private static IllegalStateException refused(String registryUrl, String subject, String answer) {
        return new IllegalStateException("the schema registry at " + registryUrl + " did not set compatibility "
                + REQUIRED + " on subject " + subject + " (" + answer + "). The services rely on it to read every "
                + "record still on a topic; set it yourself (PUT /config/" + subject + " {\"compatibility\":\""
                + REQUIRED + "\"}) or allow this service's registry user to, then start the service again");
    }
}
