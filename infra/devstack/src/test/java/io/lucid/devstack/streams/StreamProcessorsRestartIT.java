package io.lucid.devstack.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.streams.StreamProcessors;
import io.lucid.streams.StreamProcessorsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stream processor stopped and started again gets its partitions back at once. Kafka Streams keeps members in
 * their group on close unless told otherwise, and a new process joins with new member ids, so before the
 * processors left their groups on close a restart waited out the old members' 45 s session.
 */
class StreamProcessorsRestartIT {

    /** Well under the consumer's default session timeout of 45 s, with room for a busy machine. */
    private static final Duration RESTART_BUDGET = Duration.ofSeconds(25);

    @Test
    void aRestartedProcessorIsRunningWithoutWaitingForItsOldMembersSession() throws Exception {
        TestStack stack = TestStacks.get();
        Path state = Files.createTempDirectory("lucid-streams-restart");
        StreamProcessorsConfig defaults = StreamProcessorsConfig.of(stack.kafkaBootstrap(), stack.schemaRegistryUrl().toString());
        StreamProcessorsConfig config = new StreamProcessorsConfig(defaults.bootstrapServers(), defaults.schemaRegistryUrl(),
                "restart-" + UUID.randomUUID().toString().substring(0, 8), Optional.of(state.toString()),
                defaults.processingGuarantee(), defaults.commitInterval(), 1, defaults.settings());

        StreamProcessors.start(config, List.of("liveness")).close();
        long started = System.nanoTime();
        try (StreamProcessors restarted = StreamProcessors.start(config, List.of("liveness"))) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(restarted.isRunning()).isTrue();
            assertThat(took).isLessThan(RESTART_BUDGET);
        }
    }
}
