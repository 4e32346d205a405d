package io.lucid.devstack.components;

import io.lucid.devstack.StackComponent;
import io.lucid.devstack.StackEnvironment;
import io.lucid.streams.StreamProcessors;
import io.lucid.streams.StreamProcessorsConfig;

/**
 * The stream processors of the embedded stack (PoOT scores and epochs, pools, liveness), in process. Domain settings
 * (PoOT time base, rewards, pools, liveness) come from the environment, like command-api's, so both run on the same
 * time base, and so do the processing guarantee and commit interval ({@code LUCID_STREAMS_PROCESSING_GUARANTEE},
 * {@code LUCID_STREAMS_COMMIT_INTERVAL_MS}); Kafka, the registry and the state directory come from the stack.
 */
public final class StreamProcessorsComponent implements StackComponent {

    private StreamProcessors processors;

    @Override
    public String name() {
        return "stream-processors";
    }

    @Override
    public void start(StackEnvironment env) {
        StreamProcessorsConfig fromEnv = StreamProcessorsConfig.fromEnvironment();
        StreamProcessorsConfig config = StreamProcessorsConfig.of(env.kafkaBootstrap(), env.schemaRegistryUrl())
                .withSettings(fromEnv.settings())
                .withProcessing(fromEnv.processingGuarantee(), fromEnv.commitInterval())
                .withStateDir(env.dataDir().resolve("streams").toString());
        processors = StreamProcessors.start(config);
    }

    @Override
    public void close() {
        if (processors != null) {
            processors.close();
            processors = null;
        }
    }
}
