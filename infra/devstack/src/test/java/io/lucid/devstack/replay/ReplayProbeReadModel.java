package io.lucid.devstack.replay;

import io.lucid.events.node.NodeRegistered;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * A read model only the tests have (registered in the test resources' ServiceLoader file) whose code a test can
 * change while it runs: {@link #shout} stands for a new release of its handler. Rows written before the change keep
 * the old label, a rebuild writes the new one everywhere, so {@link ReplayIT} sees exactly those rows differ.
 */
public final class ReplayProbeReadModel implements ReadModel {

    static final String VIEW = "replay_probe";

    /** The "new code": labels in upper case. */
    static volatile boolean shout;

    /** The body of the probe's rows. */
    public record Probe(String nodeId, String label) {
    }

    @Override
    public String name() {
        return "replay_probe";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(Topics.NODE_EVENTS);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers.on(NodeRegistered.class, (event, metadata, rows) -> rows.put(VIEW, event.getNodeId(),
                new Probe(event.getNodeId(), shout ? event.getName().toUpperCase() : event.getName())));
        for (Class<? extends SpecificRecord> type : Topics.NODE_EVENTS.records()) {
            if (type != NodeRegistered.class) {
                handlers.ignore(type);
            }
        }
    }

    @Override
    public List<ViewDefinition> views() {
        return List.of();
    }
}
