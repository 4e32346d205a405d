package io.lucid.projections;

import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topic;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * A read model as a plug-in, the way an {@code AxonModule} is one on the command side: which topics it reads, one
 * pure handler per event type, the views it writes and how they are served. The engine ({@link ProjectionService})
 * finds every implementation through {@link java.util.ServiceLoader} (annotate it with
 * {@code @AutoService(ReadModel.class)}), so adding a read model touches no shared file.
 *
 * <p>Each read model is its own projection: its own consumer group ({@code lucid-projections.<name>}), stored offsets,
 * deduplication rows and Flyway history ({@code classpath:db/read/<name>}, table {@code <name>_schema_history}), so a
 * new or rebuilt read model replays the whole history of its topics by itself.
 */
public interface ReadModel {

    /** What a read model may be called: it becomes a consumer group suffix, a Flyway table prefix and a key. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,30}");

    /** The projection's name, e.g. {@code nodes}. */
    String name();

    /** The topics it reads; every record type on them must be handled or explicitly ignored. */
    List<Topic<String, ? extends SpecificRecord>> sources();

    /** Registers one handler per event type (and the types it ignores). */
    void register(Handlers.Builder handlers);

    /** The views it writes, with how query-api serves them. */
    List<ViewDefinition> views();

    /** Where its migrations live (indexes on its views, tables of its own). */
    default String migrations() {
        return "classpath:db/read/" + name();
    }
}
