package io.lucid.devstack.projections;

import io.lucid.events.view.ViewChanged;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Retention;
import io.lucid.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A read model that only the tests have (registered in the test resources' ServiceLoader file), over a scratch
 * topic of its own: it lets {@link ProjectionEngineIT} feed the engine bytes no schema decodes without putting them
 * on a catalogue topic, where every analytics client reading the public topics would rightly fail on them.
 */
public final class ScratchReadModel implements ReadModel {

    static final String VIEW = "scratch";

    static final Topic<String, SpecificRecord> TOPIC = new Topic<>("scratch.projections.poison", 1,
            Retention.timed(Duration.ofDays(1)), Serdes.String(), SpecificRecord.class, "any",
            "Scratch topic of the projection engine ITs.", List.of(ViewChanged.class));

    @Override
    public String name() {
        return "scratch";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(TOPIC);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers.on(ViewChanged.class, (event, metadata, rows) ->
                rows.put(VIEW, metadata.aggregateId(), Map.of("id", event.getId())));
    }

    @Override
    public List<ViewDefinition> views() {
        return List.of();
    }
}
